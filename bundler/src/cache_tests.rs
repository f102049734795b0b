//! The bundle cache (`cache.rs`) gives the map bundling from scratch gives, byte for byte, and
//! what fails, fails with the same diagnostic; what changed is prepared again, and a pack that
//! is corrupt, or cannot be written, changes nothing but the time.

use std::path::{Path, PathBuf};

use crate::threads_tests::{TemporaryProject, described, projects};
use crate::{Bundle, BundleOptions, Mode, bundle};

/// A cache directory of its own, removed after.
struct CacheDirectory(PathBuf);

impl CacheDirectory {
    fn new(name: &str) -> CacheDirectory {
        let directory = std::env::temp_dir().join(format!("bundler-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        CacheDirectory(directory)
    }

    /// The packs in it.
    fn packs(&self) -> Vec<PathBuf> {
        let mut packs: Vec<PathBuf> = std::fs::read_dir(&self.0)
            .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
            .unwrap_or_default();
        packs.retain(|path| path.extension().is_some_and(|extension| extension == "pack"));
        packs.sort();
        packs
    }
}

impl Drop for CacheDirectory {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn options(project: &Path, mode: Mode, cache: Option<&CacheDirectory>, threads: usize) -> BundleOptions {
    BundleOptions {
        cwd: Some(project.to_path_buf()),
        mode,
        threads: Some(threads),
        cache: cache.map(|cache| cache.0.clone()),
        ..BundleOptions::default()
    }
}

/// How many files `bundled` took from the cache, and how many went in.
fn cached(bundled: &Result<Bundle, crate::BundleError>) -> (usize, usize) {
    bundled.as_ref().map_or((0, 0), |bundled| (bundled.cached, bundled.files))
}

#[test]
fn the_map_is_the_same_with_the_cache() {
    let mut reused = 0;
    for project in projects() {
        // The AWS SDK's 601 modules take seconds in a debug build: `bench/bundle` checks them.
        if project.ends_with("s3-presign") {
            continue;
        }
        for mode in [Mode::Bundle, Mode::Transform] {
            for threads in [1, 2] {
                let expected = described(&bundle(&options(&project, mode, None, threads), &project));
                let cache = CacheDirectory::new("same");
                let with_cache = options(&project, mode, Some(&cache), threads);
                let first = bundle(&with_cache, &project);
                let second = bundle(&with_cache, &project);
                for (run, bundled) in [("first", &first), ("second", &second)] {
                    let actual = described(bundled);
                    assert!(
                        actual == expected,
                        "{} ({mode:?}, {threads} threads): the {run} run with the cache differs:\n{actual}\n---\n{expected}",
                        project.display()
                    );
                }
                assert_eq!(cached(&first).0, 0, "{}: nothing was cached before", project.display());
                // A bundle that falls back to transform mode keeps no records.
                if let Ok(bundled) = &second
                    && bundled.fallback.is_none()
                {
                    let files = bundled.files;
                    let code_files = match mode {
                        Mode::Bundle => files,
                        // JSON, text and bytes are not prepared, so not kept.
                        Mode::Transform => bundled.origins.len().min(files),
                    };
                    assert!(
                        bundled.cached >= code_files.min(1) && bundled.cached <= files,
                        "{} ({mode:?}): {} of {files} files from the cache",
                        project.display(),
                        bundled.cached
                    );
                    if mode == Mode::Bundle {
                        assert_eq!(bundled.cached, files, "{}: the bundle was made again", project.display());
                    }
                    reused += 1;
                }
            }
        }
    }
    assert!(reused > 40, "only {reused} bundles reused the cache");
}

/// The files of [`typescript_project`]'s graph: the entry and the two it imports.
const CODE_FILES: usize = 3;

/// The TypeScript fixture, in a directory that the test can change.
fn typescript_project(name: &str) -> TemporaryProject {
    let files = [
        ("package.json", r#"{ "name": "app", "type": "module" }"#),
        ("tsconfig.json", r#"{ "compilerOptions": { "jsx": "react", "jsxFactory": "h" } }"#),
        (
            "src/index.ts",
            "import { greet } from \"./greet\";\nimport { view } from \"./view\";\nexport default () => [greet(\"you\"), view()];\n",
        ),
        ("src/greet.ts", "export function greet(name: string): string {\n  return `hello ${name}`;\n}\n"),
        ("src/view.tsx", "const h = (tag: string) => tag;\nexport const view = () => <p />;\n"),
        ("src/helper.js", "export const helper = 1;\n"),
    ];
    let files: Vec<(String, String)> =
        files.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect();
    TemporaryProject::new(name, &files)
}

/// Bundles `project` with and without `cache`, checks that the maps are the same, and returns
/// how many files came from the cache.
fn bundle_both(project: &Path, mode: Mode, cache: &CacheDirectory) -> (usize, String) {
    let expected = described(&bundle(&options(project, mode, None, 1), project));
    let bundled = bundle(&options(project, mode, Some(cache), 2), project);
    let actual = described(&bundled);
    assert!(actual == expected, "{mode:?}: the map with the cache differs:\n{actual}\n---\n{expected}");
    (cached(&bundled).0, actual)
}

#[test]
fn what_changed_is_prepared_again() {
    for mode in [Mode::Bundle, Mode::Transform] {
        let project = typescript_project(&format!("changed-{mode:?}"));
        let root = &project.0;
        let cache = CacheDirectory::new(&format!("changed-{mode:?}"));
        let write = |path: &str, text: &str| std::fs::write(root.join(path), text).expect("the file is written");
        assert_eq!(bundle_both(root, mode, &cache).0, 0);
        assert_eq!(bundle_both(root, mode, &cache).0, CODE_FILES);

        // A file's text.
        write("src/greet.ts", "export function greet(name: string): string {\n  return `hi ${name}`;\n}\n");
        let (reused, map) = bundle_both(root, mode, &cache);
        assert!(map.contains("hi ${name}"), "{mode:?}: {map}");
        assert_eq!(reused, if mode == Mode::Bundle { 0 } else { 2 }, "{mode:?}: one file changed");
        assert_eq!(bundle_both(root, mode, &cache).0, CODE_FILES);

        // A new file that an import now finds first: `./view` tries `view.ts` before
        // `view.tsx`.
        write("src/view.ts", "export const view = () => \"a new view\";\n");
        let (_, map) = bundle_both(root, mode, &cache);
        assert!(map.contains("a new view"), "{mode:?}: {map}");

        // The compile options of a tsconfig.json (the JSX factory of `view.tsx`).
        std::fs::remove_file(root.join("src/view.ts")).expect("removed");
        write("tsconfig.json", r#"{ "compilerOptions": { "jsx": "react", "jsxFactory": "make" } }"#);
        write("src/view.tsx", "const make = (tag: string) => tag;\nexport const view = () => <p />;\n");
        let (_, map) = bundle_both(root, mode, &cache);
        assert!(map.contains("make(\\\"p\\\""), "{mode:?}: {map}");

        // A file removed: the import no longer resolves, as without the cache.
        std::fs::remove_file(root.join("src/greet.ts")).expect("removed");
        let (_, described) = bundle_both(root, mode, &cache);
        assert!(described.starts_with("error: "), "{mode:?}: {described}");
    }
}

#[test]
fn a_corrupt_pack_is_ignored_and_replaced() {
    let project = typescript_project("corrupt");
    let root = &project.0;
    for mode in [Mode::Bundle, Mode::Transform] {
        let cache = CacheDirectory::new(&format!("corrupt-{mode:?}"));
        bundle_both(root, mode, &cache);
        let [pack] = &cache.packs()[..] else { panic!("one pack: {:?}", cache.packs()) };
        let whole = std::fs::read(pack).expect("the pack is there");
        let mut flipped = whole.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x5a;
        let corruptions: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"garbage".to_vec(),
            whole[..whole.len() / 2].to_vec(),
            [&whole[..], b"more"].concat(),
            flipped,
            // A length far past the end, under a digest that matches: nothing is allocated
            // for it.
            {
                let huge: &[u8] = &[0xff, 0xff, 0xff, 0xff, 0x0f];
                let digest: [u8; 32] = blake3::hash(huge).into();
                [&whole[..super::cache::MAGIC_LENGTH], &digest[..], huge].concat()
            },
        ];
        for corrupt in corruptions {
            std::fs::write(pack, &corrupt).expect("the pack is overwritten");
            // The map is the same (checked), whatever was reused of a pack that still reads.
            bundle_both(root, mode, &cache);
            assert_eq!(bundle_both(root, mode, &cache).0, CODE_FILES, "{mode:?}: the pack was written anew");
        }
    }
}

#[test]
fn a_cache_that_cannot_be_written_changes_nothing() {
    let project = typescript_project("unwritable");
    let root = &project.0;
    let cache = CacheDirectory::new("unwritable");
    // A file where the directory would be.
    std::fs::write(&cache.0, "not a directory").expect("written");
    for mode in [Mode::Bundle, Mode::Transform] {
        assert_eq!(bundle_both(root, mode, &cache).0, 0);
        assert_eq!(bundle_both(root, mode, &cache).0, 0);
    }
    let _ = std::fs::remove_file(&cache.0);
}

#[test]
fn the_oldest_packs_are_removed_beyond_the_most_kept() {
    let project = typescript_project("pruned");
    let root = &project.0;
    let cache = CacheDirectory::new("pruned");
    std::fs::create_dir_all(&cache.0).expect("made");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    for index in 0..super::cache::MAX_PACKS + 10 {
        let path = cache.0.join(format!("{index:032x}.pack"));
        let file = std::fs::File::create(&path).expect("made");
        file.set_modified(old + std::time::Duration::from_secs(index as u64)).expect("dated");
    }
    let temporary = cache.0.join(".left-by-a-crash.tmp");
    std::fs::File::create(&temporary).and_then(|file| file.set_modified(old)).expect("made");
    bundle_both(root, Mode::Bundle, &cache);
    let packs = cache.packs();
    assert_eq!(packs.len(), super::cache::MAX_PACKS);
    // The oldest went; the new one stays.
    assert!(!packs.contains(&cache.0.join(format!("{:032x}.pack", 0))));
    assert_eq!(bundle_both(root, Mode::Bundle, &cache).0, CODE_FILES);
    assert!(!temporary.exists(), "an hour-old temporary file is removed");
}

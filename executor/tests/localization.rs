//! The time zone and locale an embedder chooses before the first sandbox of a process, and
//! nothing else, is what `Date` and `Intl` see. One test: the choice is per process, and this
//! file is its own process.

use executor::{
    DiscardConsole, Invocation, Localization, LocalizationError, ModuleKind, ModuleSource, Options, Sandbox,
    set_localization,
};

fn run(code: &str) -> String {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let outcome =
        Sandbox::new(Options::default()).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    outcome.result.expect("the run succeeds").expect("a result").get().to_owned()
}

fn localization(time_zone: &str, locale: &str) -> Localization {
    Localization { time_zone: time_zone.to_owned(), locale: locale.to_owned() }
}

/// A refused zone or tag changes nothing; a chosen one reaches `Date` and `Intl`; once a
/// sandbox has started, the choice is final.
#[test]
fn chosen_before_the_first_sandbox_and_final_after() {
    assert_eq!(
        set_localization(&localization("Mars/Olympus_Mons", "de-DE")),
        Err(LocalizationError::UnknownTimeZone("Mars/Olympus_Mons".into()))
    );
    assert!(matches!(
        set_localization(&localization("Europe/Berlin", "de_DE.UTF-8")),
        Err(LocalizationError::MalformedLocale { tag, .. }) if tag == "de_DE.UTF-8"
    ));
    set_localization(&localization("Asia/Tokyo", "fr-FR")).expect("a zone and a tag ICU knows");
    set_localization(&localization("Europe/Berlin", "de-de")).expect("chosen again before any sandbox");

    let seen = run("export default () => {
      const options = Intl.DateTimeFormat().resolvedOptions();
      return [new Date(0).getTimezoneOffset(), options.timeZone, options.locale,
        new Date(0).toString(), new Intl.NumberFormat().format(1234.5)];
    }");
    assert_eq!(
        seen,
        r#"[-60,"Europe/Berlin","de-DE","Thu Jan 01 1970 01:00:00 GMT+0100 (Mitteleuropäische Normalzeit)","1.234,5"]"#
    );

    assert_eq!(set_localization(&Localization::default()), Err(LocalizationError::AlreadyStarted));
    assert_eq!(run("export default () => Intl.DateTimeFormat().resolvedOptions().timeZone"), r#""Europe/Berlin""#);
}

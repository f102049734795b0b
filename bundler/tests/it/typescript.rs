//! TypeScript features that need more than erasing types.

use crate::support::{prepared, render_prepared};

/// Each TypeScript feature compiles to JavaScript that keeps its meaning.
#[test]
fn typescript_features() {
    let cases = [
        ("enum", "enum Color { Red, Green = 5, Blue }\nconst label = Color[Color.Blue];\nlabel\n"),
        ("string_enum", "enum Level { Low = \"low\", High = \"high\" }\nObject.values(Level)\n"),
        ("const_enum", "const enum Flag { A = 1, B = 2 }\nFlag.A | Flag.B\n"),
        (
            "namespace",
            "namespace Geometry {\n  export const unit = 1;\n  export function double(n: number) { return n * 2 * unit; }\n}\nGeometry.double(4)\n",
        ),
        (
            "merged_namespaces",
            "namespace G {\n  export const u = 1;\n  export function twice() { return x * 2; }\n}\nnamespace G {\n  export const x = u + 1;\n  export let total = 0;\n}\nnamespace G {\n  const u = 10;\n  export function add(n: number) { total += n + u; return { total }; }\n  export function reset() { ({ total } = { total: 0 }); }\n}\n[G.x, G.twice(), G.add(1)]\n",
        ),
        (
            "merged_namespaces_nested",
            "namespace Outer {\n  export namespace Inner { export const a = 1; }\n  export namespace Inner { export const b = a + 1; }\n}\nOuter.Inner.b\n",
        ),
        (
            "namespace_shadowing_its_own_name",
            "namespace N {\n  function N() { return 1; }\n  export const x = N();\n}\nN.x\n",
        ),
        (
            "parameter_properties",
            "class Point {\n  constructor(public x: number, private readonly y = 0, protected z?: number) {}\n  sum() { return this.x + this.y; }\n}\nnew Point(1, 2).sum()\n",
        ),
        (
            "class_fields_and_modifiers",
            "abstract class Shape {\n  declare kind: string;\n  static count = 0;\n  #secret = 1;\n  abstract area(): number;\n  public toString(): string { return `${this.area()}`; }\n}\n",
        ),
        (
            "import_type_is_elided",
            "import type { A } from \"./a\";\nimport { type B, c } from \"./b\";\nimport { OnlyType } from \"./c\";\nconst value: A & B & OnlyType = c;\nvalue\n",
        ),
        (
            "used_imports_are_kept_unused_ones_elided_like_tsc",
            "import { used, alsoUsed as renamed } from \"./values\";\nimport sideEffect from \"./effect\";\nimport \"./setup\";\nused(renamed)\n",
        ),
        (
            "generics",
            "function first<T extends unknown[]>(items: T): T[0] { return items[0]; }\nconst map = new Map<string, Array<number>>();\nfirst<[number]>([1])\n",
        ),
        (
            "satisfies_and_as_const",
            "const config = { port: 8080, hosts: [\"a\", \"b\"] } as const satisfies { port: number; hosts: readonly string[] };\nconst port = <number>config.port;\nconfig.hosts.length + (port as number)\n",
        ),
        (
            "non_null_and_definite_assignment",
            "let ready!: boolean;\nconst element = document.getElementById(\"x\")!;\nelement!.id\n",
        ),
        (
            "declare_statements_vanish",
            "declare global { interface Window { x: number } }\ndeclare module \"m\" {}\ndeclare function f(): void;\n1\n",
        ),
        ("this_parameter", "function handler(this: Window, event: Event) { return event.type; }\nhandler\n"),
    ];
    for (name, text) in cases {
        insta::assert_snapshot!(name, render_prepared(text, &prepared("agent.ts", text)));
    }
}

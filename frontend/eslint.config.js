// ESLint: TypeScript rules, React hooks, and the import boundaries of STYLE.md:
// shared code flows lib → components → features → app, and no feature imports another.
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const features = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const boundaryZones = [
  // Generated API types depend on nothing.
  { target: "./src/api", from: "./src", except: ["./api"], message: "src/api is generated; it imports nothing." },
  // lib is the bottom layer.
  {
    target: "./src/lib",
    from: ["./src/components", "./src/features", "./src/app"],
    message: "lib/ may import only lib/, api/ and locales/ (lib → components → features → app).",
  },
  {
    target: "./src/components",
    from: ["./src/features", "./src/app"],
    message: "components/ may not import features/ or app/ (lib → components → features → app).",
  },
  { target: "./src/features", from: "./src/app", message: "features/ may not import app/." },
  // No feature imports another: shared code belongs in lib/ or components/.
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message: `features/${feature} may not import another feature; move shared code to lib/ or components/.`,
  })),
];

export default tseslint.config(
  { ignores: ["dist", "node_modules", "coverage", "src/api/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { "react-hooks": reactHooks, "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.app.json" })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "import-x/no-restricted-paths": ["error", { zones: boundaryZones }],
      "import-x/no-cycle": ["error", { maxDepth: 10 }],
      "import-x/no-self-import": "error",
      "import-x/no-useless-path-segments": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["antd/lib/*", "antd/es/*"],
              message: "Import components by name from 'antd' (tree-shaken per component).",
            },
            { group: ["react-router-dom"], message: "Use 'react-router' (v7)." },
          ],
        },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests may reach into any layer to assemble what they exercise.
    files: ["src/**/*.test.{ts,tsx}", "src/test/**"],
    rules: { "import-x/no-restricted-paths": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["*.{js,ts}", "scripts/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, globals: globals.node },
  },
);

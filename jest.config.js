// One runner, four suites. Integration and e2e tests load the built package from dist/, as users get it.
const ts = {
	'^.+\\.ts$': [
		'ts-jest',
		{
			tsconfig: {
				module: 'commonjs',
				target: 'es2019',
				esModuleInterop: true,
				types: ['jest', 'node'],
				strict: true,
				useUnknownInCatchVariables: false,
				skipLibCheck: true,
			},
			diagnostics: { warnOnly: false },
		},
	],
};
const common = {
	testEnvironment: 'node',
	transform: ts,
	setupFiles: ['<rootDir>/test/setup-env.js'],
};

module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.{ts,js}'] },
		{ ...common, displayName: 'emulator', testMatch: ['<rootDir>/test/emulator/**/*.test.js'] },
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.js'],
		},
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.js'] },
		{ ...common, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.js'] },
	],
};

const { src, dest, task } = require('gulp');

// tsc emits only JavaScript; n8n loads node and credential icons from files beside the compiled code.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	),
);

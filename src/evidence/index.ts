// Internal module: the HITRUST evidence report. Not re-exported from the package (see STYLE.md §1).
export * from './acknowledgements';
export * from './build-report';
export * from './model';
export * from './provenance';
export * from './render-markdown';
export * from './write-report';

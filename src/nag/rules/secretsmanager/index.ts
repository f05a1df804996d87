export * from './secret-rotation';

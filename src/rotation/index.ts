export * from './credential-rotation';

/** The one way the exporter fails: a model it cannot express (a message for the user). */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

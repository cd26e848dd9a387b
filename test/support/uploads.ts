/** An uploaded file's text, whether the client sent it raw or as a multipart form. */
export function fileText(upload: { body: Buffer; contentType: string }): string {
  const text = upload.body.toString('utf8');
  const boundary = /boundary=(.+)$/.exec(upload.contentType)?.[1];
  if (!boundary) return text;
  const part = text.split(`--${boundary}`).find((p) => p.includes('filename='));
  return part?.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, '') ?? '';
}

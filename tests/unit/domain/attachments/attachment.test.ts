import { describe, expect, it } from 'vitest';
import {
  attachmentObjectKey,
  checkUploadRequest,
  maxAttachmentBytes,
  pendingAttachment,
  safeFileName,
  uploadMismatch,
} from '#domain/attachments/attachment';
import { ValidationError } from '#domain/errors';
import type { ChangeContext } from '#domain/stamps';

const ctx: ChangeContext = {
  tenant: { id: 'norrsken', name: 'Norrsken', country: 'SE', currency: 'SEK', timeZone: 'Europe/Stockholm' },
  userId: 'anna',
  now: new Date('2025-03-02T12:30:00Z'),
};

function fieldsOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('no validation error');
}

describe('checkUploadRequest', () => {
  it('accepts each supported kind of document, in any letter case of type and extension', () => {
    // Prepare
    const files = [
      { fileName: 'Avtal.PDF', contentType: 'Application/PDF', size: 1 },
      { fileName: 'bild.jpg', contentType: 'image/jpeg', size: 10 },
      { fileName: 'bild.jpeg', contentType: 'image/jpeg', size: 10 },
      { fileName: 'skiss.png', contentType: 'image/png', size: 10 },
      {
        fileName: 'offert.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: 10,
      },
      {
        fileName: 'kalkyl.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: 10,
      },
      { fileName: 'export.csv', contentType: 'text/csv', size: 10 },
      { fileName: 'notering.txt', contentType: 'text/plain', size: 10 },
      { fileName: 'mejl.eml', contentType: 'message/rfc822', size: 10 },
      { fileName: 'mejl.msg', contentType: 'application/vnd.ms-outlook', size: maxAttachmentBytes },
    ];

    // Act
    const checked = files.map(checkUploadRequest);

    // Assess
    expect(checked.map((f) => f.contentType)).toEqual(files.map((f) => f.contentType.toLowerCase()));
  });

  it('trims the file name and keeps it as the user wrote it', () => {
    // Act
    const checked = checkUploadRequest({
      fileName: '  Elavtal Ödegård.pdf ',
      contentType: 'application/pdf',
      size: 5,
    });

    // Assess
    expect(checked).toEqual({ fileName: 'Elavtal Ödegård.pdf', contentType: 'application/pdf', size: 5 });
  });

  it('names the content type when it is not accepted, listing the accepted ones', () => {
    // Act
    const fields = fieldsOf(() =>
      checkUploadRequest({ fileName: 'setup.exe', contentType: 'application/x-msdownload', size: 5 }),
    );

    // Assess
    expect(fields.map((f) => f.name)).toEqual(['contentType']);
    expect(fields[0]?.reason).toContain('application/pdf');
  });

  it('names the file name when its extension does not fit the content type', () => {
    // Act
    const fields = fieldsOf(() =>
      checkUploadRequest({ fileName: 'bild.jpg', contentType: 'image/png', size: 5 }),
    );

    // Assess
    expect(fields).toEqual([{ name: 'fileName', reason: 'must end in .png for image/png' }]);
  });

  it.each([
    ['   ', 'must not be blank'],
    ['../../etc/passwd.txt', 'must be a file name, not a path'],
    ['C:\\temp\\a.txt', 'must be a file name, not a path'],
    ['a\u0000b.txt', 'must not contain control characters'],
    [`${'a'.repeat(252)}.txt`, 'must be at most 255 characters'],
    ['txt', 'must end in .txt for text/plain'],
  ])('refuses the file name %j', (fileName, reason) => {
    // Act
    const fields = fieldsOf(() => checkUploadRequest({ fileName, contentType: 'text/plain', size: 5 }));

    // Assess
    expect(fields).toEqual([{ name: 'fileName', reason }]);
  });

  it.each([
    [0, 'must be a whole number of bytes, at least 1'],
    [1.5, 'must be a whole number of bytes, at least 1'],
    [maxAttachmentBytes + 1, 'must be at most 26214400 bytes (25 MB)'],
  ])('refuses the size %d', (size, reason) => {
    // Act
    const fields = fieldsOf(() => checkUploadRequest({ fileName: 'a.txt', contentType: 'text/plain', size }));

    // Assess
    expect(fields).toEqual([{ name: 'size', reason }]);
  });

  it('names every field at fault at once', () => {
    // Act
    const fields = fieldsOf(() => checkUploadRequest({ fileName: '', contentType: 'video/mp4', size: 0 }));

    // Assess
    expect(fields.map((f) => f.name)).toEqual(['fileName', 'contentType', 'size']);
  });
});

describe('safeFileName', () => {
  it.each([
    ['Offert Ödegård (2).pdf', 'Offert_Odegard_2_.pdf'],
    ['..hidden.txt', 'hidden.txt'],
    ['日本語.pdf', 'file.pdf'],
    ['Zmluva č. 12-2025.docx', 'Zmluva_c._12-2025.docx'],
    [`${'x'.repeat(300)}.xlsx`, `${'x'.repeat(95)}.xlsx`],
  ])('makes %j into %j', (name, safe) => {
    // Act
    const result = safeFileName(name);

    // Assess
    expect(result).toBe(safe);
  });
});

describe('attachmentObjectKey', () => {
  it('starts with the tenant, then the subject, then the attachment id', () => {
    // Act
    const key = attachmentObjectKey('norrsken', { type: 'contact', id: 'C1' }, 'A1', 'Fullmakt Åsa.pdf');

    // Assess
    expect(key).toBe('norrsken/contact/C1/A1/Fullmakt_Asa.pdf');
  });
});

describe('uploadMismatch', () => {
  const attachment = pendingAttachment(
    'A1',
    { type: 'account', id: 'ACC1' },
    { fileName: 'a.csv', contentType: 'text/csv', size: 100 },
    ctx,
  );

  it('finds nothing wrong with the declared file', () => {
    // Act
    const result = uploadMismatch(attachment, { size: 100, contentType: 'text/csv; charset=utf-8' });

    // Assess
    expect(result).toBeUndefined();
  });

  it('names the file when nothing was uploaded', () => {
    // Act
    const result = uploadMismatch(attachment, undefined);

    // Assess
    expect(result).toEqual([{ name: 'file', reason: 'nothing has been uploaded to the upload URL yet' }]);
  });

  it('names the size and the type that differ from what was declared', () => {
    // Act
    const result = uploadMismatch(attachment, { size: 101, contentType: 'application/octet-stream' });

    // Assess
    expect(result).toEqual([
      { name: 'size', reason: 'declared 100 bytes, uploaded 101' },
      { name: 'contentType', reason: 'declared text/csv, uploaded application/octet-stream' },
    ]);
  });
});

describe('pendingAttachment', () => {
  it('is version 1, pending, and knows where its bytes will be', () => {
    // Act
    const attachment = pendingAttachment(
      'A1',
      { type: 'account', id: 'ACC1' },
      { fileName: 'a.csv', contentType: 'text/csv', size: 100 },
      ctx,
    );

    // Assess
    expect(attachment).toEqual({
      id: 'A1',
      tenantId: 'norrsken',
      createdAt: '2025-03-02T12:30:00.000Z',
      createdBy: 'anna',
      updatedAt: '2025-03-02T12:30:00.000Z',
      updatedBy: 'anna',
      version: 1,
      subject: { type: 'account', id: 'ACC1' },
      fileName: 'a.csv',
      contentType: 'text/csv',
      size: 100,
      state: 'pending',
      objectKey: 'norrsken/account/ACC1/A1/a.csv',
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  type InboundAttachment,
  type InboundMail,
  MalformedMailError,
  malformedRejection,
  maxInboundMailBytes,
  rejectionOf,
} from '#domain/service/inbound-mail';

const mail: InboundMail = {
  messageId: 'a1@customer.example',
  from: { name: 'Åsa Öberg', address: 'asa@customer.example' },
  to: ['kundtjanst@service.example'],
  subject: 'Faktura',
  text: 'Hej!',
  references: [],
  autoReply: false,
  attachments: [],
};

const attachment = (filename: string, contentType = 'application/octet-stream'): InboundAttachment => ({
  filename,
  contentType,
  size: 3,
  content: new Uint8Array([1, 2, 3]),
  inline: false,
});

const withAttachments = (...attachments: InboundAttachment[]): InboundMail => ({ ...mail, attachments });

describe('rejectionOf', () => {
  it('takes in a mail with a sender and harmless attachments', () => {
    // Act
    const rejection = rejectionOf(
      2_000,
      withAttachments(
        attachment('faktura.pdf', 'application/pdf'),
        attachment('mätare.JPG', 'image/jpeg'),
        attachment('', 'image/png'),
        attachment('www.example.com.pdf', 'application/pdf'),
      ),
    );

    // Assess
    expect(rejection).toBeUndefined();
  });

  it('checks only the size before the mail is parsed', () => {
    expect(rejectionOf(maxInboundMailBytes)).toBeUndefined();
    expect(rejectionOf(maxInboundMailBytes + 1)).toEqual({
      reason: 'too-large',
      detail: `the message has ${maxInboundMailBytes + 1} bytes, at most ${maxInboundMailBytes} are taken in`,
    });
  });

  it('refuses a message over 10 MiB whatever it holds', () => {
    expect(rejectionOf(10 * 1024 * 1024 + 1, mail)?.reason).toBe('too-large');
  });

  it('refuses a mail that names no sender', () => {
    // Prepare
    const { from: _, ...anonymous } = mail;

    // Act
    const rejection = rejectionOf(2_000, anonymous);

    // Assess
    expect(rejection).toEqual({ reason: 'no-sender', detail: 'the message names no sender address' });
  });

  it.each([
    'setup.exe',
    'SETUP.EXE',
    'invoice.pdf.exe',
    'faktura.pdf.scr',
    'invoice.exe.',
    'invoice.exe ',
    'run.bat',
    'run.cmd',
    'script.js',
    'script.vbs',
    'script.ps1',
    'module.psm1',
    'installer.msi',
    'page.hta',
    'app.jar',
    'settings.reg',
    'shortcut.lnk',
    'disk.iso',
    'disk.img',
    'disk.vhd',
    'budget.xlsm',
    'letter.docm',
    'slides.pptm',
    'library.dll',
    'phone.apk',
  ])('refuses the attachment %j', (filename) => {
    expect(rejectionOf(2_000, withAttachments(attachment('ok.pdf'), attachment(filename)))?.reason).toBe(
      'dangerous-attachment',
    );
  });

  it('names the file and its type', () => {
    expect(rejectionOf(2_000, withAttachments(attachment('invoice.pdf.exe')))).toEqual({
      reason: 'dangerous-attachment',
      detail: '"invoice.pdf.exe" is a .exe file',
    });
  });

  it('refuses a name that shows another type than it has', () => {
    // Prepare: shown as "invoiceexe.pdf"
    const disguised = attachment('invoice\u202efdp.exe');

    // Act
    const rejection = rejectionOf(2_000, withAttachments(disguised));

    // Assess
    expect(rejection?.reason).toBe('dangerous-attachment');
    expect(rejectionOf(2_000, withAttachments(attachment('invoice.exe\u0000.pdf')))?.reason).toBe(
      'dangerous-attachment',
    );
  });

  it.each([
    'application/x-msdownload',
    'application/x-dosexec',
    'application/x-msi',
    'application/java-archive',
    'Application/HTA; charset=utf-8',
  ])('refuses an attachment of type %s whatever its name', (contentType) => {
    expect(rejectionOf(2_000, withAttachments(attachment('photo.jpg', contentType)))?.reason).toBe(
      'dangerous-attachment',
    );
  });
});

describe('malformedRejection', () => {
  it('gives the parser’s reason', () => {
    expect(malformedRejection(new MalformedMailError('the message has no header lines'))).toEqual({
      reason: 'malformed',
      detail: 'the message has no header lines',
    });
  });
});

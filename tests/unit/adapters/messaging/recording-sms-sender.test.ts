import { describe, expect, it } from 'vitest';
import { RecordingSmsSender, recordedSmsResponse } from '#adapters/messaging/recording-sms-sender';

describe('RecordingSmsSender', () => {
  it('keeps every text it is given, in order, each with its own id', async () => {
    // Prepare
    const recorder = new RecordingSmsSender();

    // Act
    const first = await recorder.send({ from: 'Norrsken', to: '+46701234567', body: 'Ett' });
    const second = await recorder.send({ to: '+46701234568', body: 'Två' });

    // Assess
    expect(first.messageId).not.toBe(second.messageId);
    expect(recorder.sent).toMatchObject([
      { messageId: first.messageId, from: 'Norrsken', to: '+46701234567', body: 'Ett' },
      { messageId: second.messageId, to: '+46701234568', body: 'Två' },
    ]);
  });

  it('shows the texts to one number, also when the + of the query came unencoded', async () => {
    // Prepare
    const recorder = new RecordingSmsSender();
    await recorder.send({ to: '+46701234567', body: 'Ett' });
    await recorder.send({ to: '+46701234568', body: 'Två' });

    // Act
    const encoded = recordedSmsResponse(recorder, new URLSearchParams('to=%2B46701234567'));
    const unencoded = recordedSmsResponse(recorder, new URLSearchParams('to=+46701234567'));
    const all = recordedSmsResponse(recorder, new URLSearchParams());

    // Assess
    expect(encoded.body.messages.map((m) => m.body)).toEqual(['Ett']);
    expect(unencoded.body.messages.map((m) => m.body)).toEqual(['Ett']);
    expect(all.body.messages).toHaveLength(2);
  });
});

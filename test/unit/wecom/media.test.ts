import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../../src/chat/wecom/api.js';
import type { FakeWecom } from '../../support/fake-wecom.js';
import { useWecomTestbed, type WecomTestbed } from '../../support/wecom-testbed.js';

let wecom: FakeWecom;
let client: WecomTestbed['client'];

useWecomTestbed((bed) => {
  ({ wecom, client } = bed);
});
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** An upload as another client would make it (undici's FormData), straight to the fake. */
async function rawUpload(type: string, filename: string, bytes: Buffer, contentType = 'image/png') {
  const token = await client().accessToken();
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
  const response = await fetch(`${wecom.url}media/upload?access_token=${token}&type=${type}`, {
    method: 'POST',
    body: form,
  });
  return (await response.json()) as { errcode: number; media_id?: string };
}

describe('WeCom media', () => {
  it('uploads a file as multipart/form-data in the field media, with its name, and sends it as a file message', async () => {
    const csv = Buffer.from('\uFEFFCase number,Registered\r\n202611-0007,2026-11-03 14:05\r\n', 'utf8');
    const uploaded = await client().uploadMedia('file', 'complaints-202611.csv', csv);
    expect(uploaded).toEqual({ kind: 'uploaded', mediaId: expect.any(String) });
    if (uploaded.kind !== 'uploaded') return;
    expect(wecom.media(uploaded.mediaId)).toMatchObject({
      type: 'file',
      filename: 'complaints-202611.csv',
      contentType: 'text/csv',
      bytes: csv,
    });
    expect(await client().sendFile('lisi', uploaded.mediaId)).toMatchObject({ kind: 'sent' });
    expect(wecom.callsTo('message/send')[0]?.body).toEqual({
      touser: 'lisi',
      agentid: wecom.agentId,
      msgtype: 'file',
      file: { media_id: uploaded.mediaId },
    });
    const [received] = wecom.received;
    expect(received).toMatchObject({ to: 'lisi', msgtype: 'file' });
    expect(received?.media?.bytes.equals(csv)).toBe(true);
    expect(wecom.refused).toEqual([]);
  });

  it('sends a PNG as an image message, and not an image as a file', async () => {
    const uploaded = await client().uploadMedia('image', 'chart.png', PNG);
    if (uploaded.kind !== 'uploaded') throw new Error(`not uploaded: ${JSON.stringify(uploaded)}`);
    expect(await client().sendImage('sunqi', uploaded.mediaId)).toMatchObject({ kind: 'sent' });
    expect(wecom.received[0]).toMatchObject({ to: 'sunqi', msgtype: 'image', media: { type: 'image' } });
    expect(await client().sendFile('sunqi', uploaded.mediaId)).toEqual({
      kind: 'refused',
      reason: 'unknown-media',
    });
  });

  it('refuses before uploading what WeCom would refuse: 5 bytes or fewer, over the size, an image not JPG or PNG', async () => {
    expect(await client().uploadMedia('file', 'tiny.csv', Buffer.from('12345'))).toEqual({
      kind: 'refused',
      reason: 'bad-file-size',
    });
    const huge = Buffer.alloc(MEDIA_LIMITS.image.maxBytes + 1);
    expect(await client().uploadMedia('image', 'chart.png', huge)).toEqual({
      kind: 'refused',
      reason: 'bad-file-size',
    });
    expect(await client().uploadMedia('image', 'chart.gif', PNG)).toEqual({
      kind: 'refused',
      reason: 'bad-file-type',
    });
    expect(wecom.callsTo('media/upload')).toEqual([]);
  });

  it('the fake refuses as WeCom does: its type, its size, an image by its bytes, a media_id of none', async () => {
    expect((await rawUpload('sticker', 'a.png', PNG)).errcode).toBe(40004);
    expect((await rawUpload('file', 'a.txt', Buffer.from('12345'))).errcode).toBe(40006);
    const tooLarge = Buffer.concat([PNG, Buffer.alloc(MEDIA_LIMITS.image.maxBytes)]);
    expect((await rawUpload('image', 'a.png', tooLarge)).errcode).toBe(40009);
    expect((await rawUpload('image', 'a.png', Buffer.from('not a picture at all')))?.errcode).toBe(40005);
    // The client maps WeCom's answer: a PNG by its name that is none.
    expect(await client().uploadMedia('image', 'fake.png', Buffer.from('GIF89a, really'))).toEqual({
      kind: 'refused',
      reason: 'bad-file-type',
    });
    const ok = await rawUpload('image', 'a.png', PNG);
    expect(ok).toMatchObject({ errcode: 0, media_id: expect.any(String) });
    expect(await client().sendImage('lisi', 'no-such-media')).toEqual({
      kind: 'refused',
      reason: 'unknown-media',
    });
  });
});

namespace IamOps.Server.Modules.Platform;

/// <summary>
/// UUIDv7 identifiers that are strictly increasing within the process (RFC 9562 §6.2, method 1: the 12 bits after the
/// version hold a counter within the millisecond). <see cref="Guid.CreateVersion7()"/> fills those bits at random, so two
/// rows made in the same millisecond sort in either order; timelines that break ties of equal instants by id need this.
/// </summary>
public static class OrderedIds
{
    private static readonly Lock Gate = new();
    private static long _lastMs;
    private static int _counter;

    public static Guid NewId()
    {
        var random = Guid.NewGuid();
        long ms;
        int counter;
        lock (Gate)
        {
            ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (ms > _lastMs)
            {
                _lastMs = ms;
                _counter = 0;
            }
            else if (++_counter > 0xFFF)
            {
                _lastMs++; // 4,096 ids in one millisecond: borrow the next one rather than repeat an order
                _counter = 0;
            }
            ms = _lastMs;
            counter = _counter;
        }
        Span<byte> bytes = stackalloc byte[16];
        random.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}

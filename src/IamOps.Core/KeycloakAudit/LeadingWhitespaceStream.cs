namespace IamOps.Core.KeycloakAudit;

/// <summary>Passes a stream through while counting the lines and columns of whitespace (and BOM) before the first JSON token.</summary>
/// <remarks>The parsed document's buffer starts at the root token, so positions found in it are shifted by this much.</remarks>
internal sealed class LeadingWhitespaceStream(Stream inner) : Stream
{
    private bool _done;
    private long _seen;

    public int Lines { get; private set; }

    public int Columns { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (_done)
            {
                break;
            }
            var isBom = _seen < 3 && b is 0xEF or 0xBB or 0xBF;
            _seen++;
            switch (b)
            {
                case (byte)'\n':
                    Lines++;
                    Columns = 0;
                    break;
                case (byte)' ' or (byte)'\t':
                    Columns++;
                    break;
                case (byte)'\r':
                    break;
                default:
                    _done = !isBom;
                    break;
            }
        }
        return bytes.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

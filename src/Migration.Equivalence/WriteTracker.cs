using Migration.Hardware.Memory;

namespace Migration.Equivalence;

/// <summary>
/// Watches every word a world writes to physical memory: which words changed during the current step (so only
/// the 1 MiB slots they belong to are re-read) and which call last wrote each word (for the divergence report).
/// </summary>
public sealed class WriteTracker : IPhysicalWriteObserver
{
    private readonly IPhysicalWriteObserver? _next;
    private readonly Dictionary<uint, string> _writer = new();
    private readonly List<uint> _written = new();

    /// <summary>Tracks writes and forwards them to <paramref name="next"/> (an observer already installed), if any.</summary>
    public WriteTracker(IPhysicalWriteObserver? next = null) => _next = next;

    /// <summary>The label recorded as the writer of the words written from now on.</summary>
    public string CurrentCall { get; set; } = "(setup)";

    /// <summary>Addresses written since the last <see cref="TakeWritten"/> (duplicates possible).</summary>
    public IReadOnlyList<uint> Written => _written;

    /// <inheritdoc />
    public void OnWordWritten(uint pa, uint value)
    {
        _written.Add(pa);
        _writer[pa] = CurrentCall;
        _next?.OnWordWritten(pa, value);
    }

    /// <summary>Clears the per-step list (the writer record is kept).</summary>
    public void TakeWritten() => _written.Clear();

    /// <summary>The call that last wrote the word at <paramref name="pa"/>, or null when nothing traced wrote it.</summary>
    public string? WriterOf(uint pa) => _writer.TryGetValue(pa & ~3u, out string? call) ? call : null;
}

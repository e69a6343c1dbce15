using System.Runtime.InteropServices;
using Migration.Hardware.Memory;

namespace Migration.Equivalence;

/// <summary>
/// Watches every word a world writes to physical memory: which words changed during the current step (so only
/// the 1 MiB slots they belong to are re-read) and which call last wrote each word (for the divergence report).
/// </summary>
/// <remarks>
/// The writer record is kept per 4 KiB frame as an array of call numbers, so recording a write costs an array store
/// (one frame lookup per run of PTEs), not a dictionary insert per word: the engine pays it on every word of every
/// step, and asks <see cref="WriterOf"/> only when it describes a divergence.
/// </remarks>
public sealed class WriteTracker : IPhysicalWriteObserver
{
    private readonly IPhysicalWriteObserver? _next;
    private readonly Dictionary<uint, int[]> _writerFrames = new(); // pfn -> per word: 1 + index into _calls, 0 = not traced
    private readonly List<string> _calls = new();
    private readonly List<uint> _written = new();
    private string _currentCall = "(setup)";
    private int _currentNumber; // 1 + index of _currentCall in _calls once a write happened under it, else 0
    private uint _lastPfn = uint.MaxValue;
    private int[]? _lastFrame;

    /// <summary>Tracks writes and forwards them to <paramref name="next"/> (an observer already installed), if any.</summary>
    public WriteTracker(IPhysicalWriteObserver? next = null) => _next = next;

    /// <summary>The label recorded as the writer of the words written from now on.</summary>
    public string CurrentCall
    {
        get => _currentCall;
        set
        {
            _currentCall = value;
            _currentNumber = 0;
        }
    }

    /// <summary>Addresses written since the last <see cref="TakeWritten"/> (duplicates possible).</summary>
    public IReadOnlyList<uint> Written => _written;

    /// <inheritdoc />
    public void OnWordWritten(uint pa, uint value)
    {
        _written.Add(pa);
        WriterFrame(pa >> 12)[(pa >> 2) & (PhysicalMemory.WordsPerFrame - 1)] = CallNumber();
        _next?.OnWordWritten(pa, value);
    }

    /// <inheritdoc />
    public void OnRunWritten(uint pa, ReadOnlySpan<uint> values)
    {
        for (int i = 0; i < values.Length; i++)
            _written.Add(pa + ((uint)i << 2));
        WriterFrame(pa >> 12).AsSpan((int)((pa >> 2) & (PhysicalMemory.WordsPerFrame - 1)), values.Length).Fill(CallNumber());
        _next?.OnRunWritten(pa, values);
    }

    /// <summary>Clears the per-step list (the writer record is kept).</summary>
    public void TakeWritten() => _written.Clear();

    /// <summary>The call that last wrote the word at <paramref name="pa"/>, or null when nothing traced wrote it.</summary>
    public string? WriterOf(uint pa)
    {
        if (!_writerFrames.TryGetValue(pa >> 12, out int[]? frame))
            return null;
        int number = frame[(pa >> 2) & (PhysicalMemory.WordsPerFrame - 1)];
        return number == 0 ? null : _calls[number - 1];
    }

    private int CallNumber()
    {
        if (_currentNumber == 0)
        {
            _calls.Add(_currentCall);
            _currentNumber = _calls.Count;
        }
        return _currentNumber;
    }

    private int[] WriterFrame(uint pfn)
    {
        if (pfn == _lastPfn)
            return _lastFrame!;
        ref int[]? frame = ref CollectionsMarshal.GetValueRefOrAddDefault(_writerFrames, pfn, out _);
        frame ??= new int[PhysicalMemory.WordsPerFrame];
        _lastPfn = pfn;
        return _lastFrame = frame;
    }
}

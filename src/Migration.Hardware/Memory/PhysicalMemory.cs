using System.Runtime.CompilerServices;

namespace Migration.Hardware.Memory;

/// <summary>
/// Sparse 32-bit physical address space in 4 KiB frames. A frame exists once written; unwritten
/// words read as <see cref="BackgroundValue"/> (0 on a fresh SoC; the golden vectors' 0xa5a5a5a5
/// sentinel when replaying wild writes). Page-table writers and hardware walkers share this memory.
/// Frame materialisation is lock-free and safe under concurrent writers (the directory and frame slots
/// are published with <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>); word accesses to an
/// existing frame take no lock, like plain loads and stores to RAM.
/// </summary>
public sealed class PhysicalMemory
{
    /// <summary>Frame size in bytes (PAGE_SIZE).</summary>
    public const uint FrameSize = 4096;

    /// <summary>32-bit words per frame.</summary>
    public const int WordsPerFrame = 1024;

    private const int FrameShift = 12;
    private const int DirShift = 22; // one directory slot covers 1024 frames = 4 MiB
    private const int FramesPerDir = 1024;

    private readonly uint[]?[]?[] _directory = new uint[]?[]?[1024];
    private int _frameCount;
    private long _wordsWritten;

    /// <summary>Creates an empty address space whose unwritten words read as <paramref name="backgroundValue"/>.</summary>
    public PhysicalMemory(uint backgroundValue = 0) => BackgroundValue = backgroundValue;

    /// <summary>The value of every word that was never written (uninitialised DRAM contents).</summary>
    public uint BackgroundValue { get; }

    /// <summary>Optional observer of <see cref="WriteWord"/> stores; null in normal runs (no cost).</summary>
    public IPhysicalWriteObserver? WriteObserver { get; set; }

    /// <summary>Number of frames that have been materialised.</summary>
    public int FrameCount => Volatile.Read(ref _frameCount);

    /// <summary>
    /// Words stored through <see cref="WriteWord"/> and the <c>WriteRun</c> overloads since this memory was created (the
    /// page-table census: what the drivers actually wrote). Bulk work through <see cref="Frame"/> and <see cref="Fill"/>
    /// (zeroing a fresh table) is not counted. Exact when one thread writes, as every driver here does under its lock.
    /// </summary>
    public long WordsWritten => Volatile.Read(ref _wordsWritten);

    /// <summary>Reads the aligned 32-bit word at <paramref name="pa"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadWord(uint pa)
    {
        CheckAligned(pa);
        uint[]? frame = _directory[pa >> DirShift]?[(pa >> FrameShift) & (FramesPerDir - 1)];
        return frame is null ? BackgroundValue : frame[(pa >> 2) & (WordsPerFrame - 1)];
    }

    /// <summary>Writes the aligned 32-bit word at <paramref name="pa"/> and notifies the observer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteWord(uint pa, uint value)
    {
        CheckAligned(pa);
        GetOrCreateFrame(pa >> FrameShift)[(pa >> 2) & (WordsPerFrame - 1)] = value;
        _wordsWritten++;
        WriteObserver?.OnWordWritten(pa, value);
    }

    /// <summary>
    /// Stores <paramref name="values"/> in consecutive aligned words from <paramref name="pa"/> (a run of PTEs): the same
    /// stores as <see cref="WriteWord"/> on each word in turn, but one frame lookup and one observer notification
    /// (<see cref="IPhysicalWriteObserver.OnRunWritten"/>) per frame the run touches. Addresses wrap at 4 GiB.
    /// </summary>
    public void WriteRun(uint pa, ReadOnlySpan<uint> values)
    {
        CheckAligned(pa);
        while (!values.IsEmpty)
        {
            int first = (int)((pa >> 2) & (WordsPerFrame - 1));
            int count = Math.Min(values.Length, WordsPerFrame - first);
            Span<uint> stored = GetOrCreateFrame(pa >> FrameShift).AsSpan(first, count);
            values[..count].CopyTo(stored);
            Stored(pa, stored);
            pa = unchecked(pa + ((uint)count << 2));
            values = values[count..];
        }
    }

    /// <summary>
    /// Stores <paramref name="count"/> words from <paramref name="pa"/> whose values step arithmetically: word i gets
    /// <paramref name="first"/> + i × <paramref name="step"/> (u32 wrap-around). Step 0 writes one descriptor into
    /// every slot of a contiguous group (16 copies of a supersection or large page); step 0x1000 writes the small-page
    /// PTEs of a physically contiguous buffer. Same stores and notifications as the span overload.
    /// </summary>
    // Compiled once, fully optimised, outside its callers: with dynamic PGO shaping it inside the batched map path,
    // its store loop ran at one or at two cycles per word depending on the process (a 256-PTE map 115 or 185 ns, same
    // binary, quiet machine), which flipped the per-PTE verdict from run to run. A call per run of PTEs costs nothing
    // next to that.
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public void WriteRun(uint pa, int count, uint first, uint step)
    {
        CheckAligned(pa);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        uint value = first;
        while (count > 0)
        {
            int index = (int)((pa >> 2) & (WordsPerFrame - 1));
            int chunk = Math.Min(count, WordsPerFrame - index);
            Span<uint> stored = GetOrCreateFrame(pa >> FrameShift).AsSpan(index, chunk);
            for (int i = 0; i < stored.Length; i++)
            {
                stored[i] = value;
                value = unchecked(value + step);
            }
            Stored(pa, stored);
            pa = unchecked(pa + ((uint)chunk << 2));
            count -= chunk;
        }
    }

    /// <summary>
    /// Direct access to frame <paramref name="pfn"/> (materialised on first use) for bulk work such as
    /// zeroing a freshly allocated page; bypasses <see cref="WriteObserver"/>.
    /// </summary>
    public Span<uint> Frame(uint pfn) => GetOrCreateFrame(pfn);

    /// <summary>
    /// The words of frame <paramref name="pfn"/>, read-only and without materialising it: false (and an empty span) when the
    /// frame was never written, so that each of its words reads <see cref="BackgroundValue"/>.
    /// </summary>
    public bool TryReadFrame(uint pfn, out ReadOnlySpan<uint> words)
    {
        uint[]? frame = pfn < (1u << 20) ? _directory[pfn >> 10]?[pfn & (FramesPerDir - 1)] : null;
        words = frame;
        return frame is not null;
    }

    /// <summary>True when frame <paramref name="pfn"/> has been materialised.</summary>
    public bool HasFrame(uint pfn) => pfn < (1u << 20) && _directory[pfn >> 10]?[pfn & (FramesPerDir - 1)] is not null;

    /// <summary>
    /// True when any of the <paramref name="words"/> aligned words from <paramref name="pa"/> reads non-zero, addresses
    /// wrapping at 4 GiB as u32 arithmetic does: the answer of <see cref="ReadWord"/> on each word in turn, found a frame at
    /// a time (the page-table code's "is this table still used" scans, without a frame lookup per word).
    /// </summary>
    public bool AnyNonZero(uint pa, int words)
    {
        CheckAligned(pa);
        ArgumentOutOfRangeException.ThrowIfNegative(words);
        while (words > 0)
        {
            int first = (int)((pa >> 2) & (WordsPerFrame - 1));
            int count = Math.Min(words, WordsPerFrame - first);
            uint[]? frame = _directory[pa >> DirShift]?[(pa >> FrameShift) & (FramesPerDir - 1)];
            if (frame is null ? BackgroundValue != 0 : frame.AsSpan(first, count).IndexOfAnyExcept(0u) >= 0)
                return true;
            pa = unchecked(pa + ((uint)count << 2));
            words -= count;
        }
        return false;
    }

    /// <summary>Stores <paramref name="value"/> in every word of [pa, pa + bytes); both 4-byte aligned.</summary>
    public void Fill(uint pa, uint bytes, uint value)
    {
        CheckAligned(pa);
        if ((bytes & 3) != 0)
            throw new ArgumentException($"length 0x{bytes:x} is not a multiple of 4", nameof(bytes));
        ulong end = (ulong)pa + bytes;
        ulong cursor = pa;
        while (cursor < end)
        {
            uint frameBase = (uint)cursor & ~(FrameSize - 1);
            ulong chunkEnd = Math.Min(end, (ulong)frameBase + FrameSize);
            int first = (int)((cursor - frameBase) >> 2);
            int count = (int)((chunkEnd - cursor) >> 2);
            GetOrCreateFrame(frameBase >> FrameShift).AsSpan(first, count).Fill(value);
            cursor = chunkEnd;
        }
    }

    /// <summary>Copies bytes into physical memory at <paramref name="pa"/> (little-endian words, CPU view).</summary>
    public void WriteBytes(uint pa, ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            uint addr = pa + (uint)i;
            uint word = ReadWord(addr & ~3u);
            int shift = (int)(addr & 3) * 8;
            word = (word & ~(0xFFu << shift)) | ((uint)data[i] << shift);
            GetOrCreateFrame(addr >> FrameShift)[(addr >> 2) & (WordsPerFrame - 1)] = word;
        }
    }

    /// <summary>Copies bytes out of physical memory at <paramref name="pa"/> (little-endian words, CPU view).</summary>
    public void ReadBytes(uint pa, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            uint addr = pa + (uint)i;
            destination[i] = (byte)(ReadWord(addr & ~3u) >> ((int)(addr & 3) * 8));
        }
    }

    // Counts a run stored in one frame and tells the observer once.
    private void Stored(uint pa, ReadOnlySpan<uint> stored)
    {
        _wordsWritten += stored.Length;
        WriteObserver?.OnRunWritten(pa, stored);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint[] GetOrCreateFrame(uint pfn)
    {
        uint[]?[] slot = _directory[pfn >> 10] ?? CreateDirectorySlot(pfn >> 10);
        return slot[pfn & (FramesPerDir - 1)] ?? CreateFrame(slot, pfn);
    }

    // Publishes a new directory slot unless another writer got there first; the loser's array is dropped.
    private uint[]?[] CreateDirectorySlot(uint index)
    {
        var fresh = new uint[]?[FramesPerDir];
        return Interlocked.CompareExchange(ref _directory[index], fresh, null) ?? fresh;
    }

    // Publishes a new frame unless another writer got there first (then its frame, and any words already
    // stored in it, win); only the winner counts the frame.
    private uint[] CreateFrame(uint[]?[] slot, uint pfn)
    {
        var frame = new uint[WordsPerFrame];
        if (BackgroundValue != 0)
            frame.AsSpan().Fill(BackgroundValue);
        uint[]? existing = Interlocked.CompareExchange(ref slot[pfn & (FramesPerDir - 1)], frame, null);
        if (existing is not null)
            return existing;
        Interlocked.Increment(ref _frameCount);
        return frame;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckAligned(uint pa)
    {
        if ((pa & 3) != 0)
            ThrowMisaligned(pa);
    }

    private static void ThrowMisaligned(uint pa) =>
        throw new ArgumentException($"physical word access at 0x{pa:x8} is not 4-byte aligned", nameof(pa));
}

using BenchmarkDotNet.Attributes;

namespace Migration.Benchmarks;

/// <summary>
/// The physical limit of a page-table write: the same Size / 4 KiB descriptor words as <see cref="BareStoreBenchmarks"/>
/// stored with a plain loop straight into the frames the table occupies (PhysicalMemory.Frame, one lookup per 4 KiB
/// frame), with no per-word lookup, no write accounting and no observer notification. No driver path can store its
/// PTEs faster; the batched map is held to a small multiple of it.
/// </summary>
/// <remarks>
/// Each word is computed from its index exactly as BareStore computes it, so the two classes differ only by the
/// per-word lookup and accounting.
/// </remarks>
[MemoryDiagnoser]
public class RawStoreBenchmarks : PteStoreBenchmark
{
    /// <summary>Size / 4 KiB descriptor values (page address | attribute bits) stored frame by frame into the frames' memory.</summary>
    [Benchmark(Baseline = true)]
    public uint RawStore()
    {
        uint words = Words;
        uint pfn = Table >> 12;
        uint i = 0;
        while (i < words)
        {
            Span<uint> frame = Memory.Frame(pfn++);
            int n = (int)Math.Min(words - i, (uint)frame.Length);
            for (int k = 0; k < n; k++, i++)
                frame[k] = Descriptor(i);
        }
        return words;
    }
}

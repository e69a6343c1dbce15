using BenchmarkDotNet.Attributes;

namespace Migration.Benchmarks;

/// <summary>
/// The physical limit of a page-table write: the same Size / 4 KiB descriptor words as <see cref="BareStoreBenchmarks"/>
/// stored with a plain loop straight into the frames the table occupies (PhysicalMemory.Frame, one lookup per 4 KiB
/// frame), with no per-word lookup, no write accounting and no observer notification. No driver path can store its
/// PTEs faster; the batched map is held to a small multiple of it.
/// </summary>
[MemoryDiagnoser]
public class RawStoreBenchmarks : IBenchmarkState
{
    private PteStoreArea _area = null!;

    /// <summary>The mapped size the store count stands for, in bytes.</summary>
    [Params(BenchSizes.K4, BenchSizes.K64, BenchSizes.M1, BenchSizes.M16, BenchSizes.M64)]
    public uint Size { get; set; }

    /// <summary>Allocates and touches the pages the words go to, so the loop never materialises a frame.</summary>
    [GlobalSetup]
    public void Setup() => _area = new PteStoreArea(Size);

    /// <summary>Size / 4 KiB descriptor values (page address | attribute bits) stored frame by frame into the frames' memory.</summary>
    [Benchmark(Baseline = true)]
    public uint RawStore()
    {
        uint words = _area.Words;
        uint pfn = _area.Table >> 12;
        uint i = 0;
        while (i < words)
        {
            Span<uint> frame = _area.Memory.Frame(pfn++);
            int n = (int)Math.Min(words - i, (uint)frame.Length);
            for (int k = 0; k < n; k++, i++)
                frame[k] = PteStoreArea.Descriptor(i);
        }
        return words;
    }

    /// <summary>The word <paramref name="index"/> of the store area (for the smoke tests).</summary>
    internal uint Word(uint index) => _area.Word(index);

    string IBenchmarkState.Fingerprint() => _area.Fingerprint();

    bool? IBenchmarkState.NothingMapped => null;
}

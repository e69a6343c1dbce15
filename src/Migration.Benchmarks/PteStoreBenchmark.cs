using BenchmarkDotNet.Attributes;
using Migration.Hardware;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks;

/// <summary>
/// What the store-limit benchmarks share: the mapped <see cref="Size"/>, and on a fresh SoC a physically contiguous,
/// already materialised area for the Size / 4 KiB words a second-level table holds to map Size bytes with 4 KiB pages
/// (at least one page). Each subclass stores the same descriptor values its own way.
/// </summary>
public abstract class PteStoreBenchmark : IBenchmarkState
{
    /// <summary>An MSM small-page descriptor's fixed bits (SL_TYPE_SMALL | AP0 | AP1 | NG | SHARED), msm.md §3.2: any value will do.</summary>
    protected const uint DescriptorBits = 0xC32;

    private Soc _soc = null!;

    /// <summary>The mapped size the store count stands for, in bytes.</summary>
    [Params(BenchSizes.K4, BenchSizes.K64, BenchSizes.M1, BenchSizes.M16, BenchSizes.M64)]
    public uint Size { get; set; }

    /// <summary>The memory the words go to.</summary>
    protected PhysicalMemory Memory { get; private set; } = null!;

    /// <summary>Physical address of the first word.</summary>
    protected uint Table { get; private set; }

    /// <summary>How many words a store writes: Size / 4 KiB.</summary>
    protected uint Words { get; private set; }

    /// <summary>Allocates and touches the pages the words go to, so no store materialises a frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _soc = Soc.CreateDefault();
        Memory = _soc.Memory;
        Words = Size / 0x1000;
        uint bytes = Math.Max(0x1000u, Words * 4);
        Table = PhysicalBuffers.Contiguous(_soc, bytes);
        Memory.Fill(Table, bytes, 0);
    }

    /// <summary>The value word <paramref name="index"/> gets: a page address and the descriptor bits.</summary>
    protected static uint Descriptor(uint index) => (index << 12) | DescriptorBits;

    /// <summary>The word <paramref name="index"/> of the store area as memory holds it now (for the smoke tests).</summary>
    internal uint Word(uint index) => Memory.ReadWord(Table + (index << 2));

    string IBenchmarkState.Fingerprint() => StateFingerprint.Of(("frames", Memory.FrameCount), ("pages", _soc.Pages.AllocatedPages));

    bool? IBenchmarkState.NothingMapped => null;
}

using BenchmarkDotNet.Attributes;
using Migration.Hardware;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks;

/// <summary>
/// The physical limit: a bare loop storing as many 32-bit PTE values into the simulated PhysicalMemory as mapping
/// <see cref="Size"/> bytes with 4 KiB pages writes (Size / 4 KiB words, consecutive, as in second-level tables).
/// </summary>
[MemoryDiagnoser]
public class BareStoreBenchmarks : IBenchmarkState
{
    // An MSM small-page descriptor's fixed bits (SL_TYPE_SMALL | AP0 | AP1 | NG | SHARED), msm.md §3.2: any value will do.
    private const uint DescriptorBits = 0xC32;

    private Soc _soc = null!;
    private PhysicalMemory _memory = null!;
    private uint _table;
    private uint _words;

    /// <summary>The mapped size the store count stands for, in bytes.</summary>
    [Params(BenchSizes.K4, BenchSizes.K64, BenchSizes.M1, BenchSizes.M16, BenchSizes.M64)]
    public uint Size { get; set; }

    /// <summary>Allocates and touches the pages the words go to, so the loop never materialises a frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _soc = Soc.CreateDefault();
        _memory = _soc.Memory;
        _words = Size / 0x1000;
        _table = PhysicalBuffers.Contiguous(_soc, Math.Max(0x1000u, _words * 4));
        _memory.Fill(_table, Math.Max(0x1000u, _words * 4), 0);
    }

    /// <summary>PhysicalMemory.WriteWord of Size / 4 KiB descriptor values (page address | attribute bits).</summary>
    [Benchmark(Baseline = true)]
    public uint BareStore()
    {
        PhysicalMemory memory = _memory;
        uint table = _table;
        uint words = _words;
        for (uint i = 0; i < words; i++)
            memory.WriteWord(table + (i << 2), (i << 12) | DescriptorBits);
        return words;
    }

    /// <summary>The word <paramref name="index"/> of the store area (for the smoke tests).</summary>
    internal uint Word(uint index) => _memory.ReadWord(_table + (index << 2));

    string IBenchmarkState.Fingerprint() => StateFingerprint.Of(("frames", _memory.FrameCount), ("pages", _soc.Pages.AllocatedPages));

    bool? IBenchmarkState.NothingMapped => null;
}

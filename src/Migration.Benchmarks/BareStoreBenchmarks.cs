using BenchmarkDotNet.Attributes;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks;

/// <summary>
/// The per-word store cost through the simulated memory's API: as many PhysicalMemory.WriteWord calls as mapping
/// <see cref="Size"/> bytes with 4 KiB pages writes PTEs (Size / 4 KiB words, consecutive, as in second-level tables),
/// each with its frame lookup and write accounting. Batched drivers beat it by writing runs; the limit they are held to
/// is <see cref="RawStoreBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class BareStoreBenchmarks : IBenchmarkState
{
    private PteStoreArea _area = null!;

    /// <summary>The mapped size the store count stands for, in bytes.</summary>
    [Params(BenchSizes.K4, BenchSizes.K64, BenchSizes.M1, BenchSizes.M16, BenchSizes.M64)]
    public uint Size { get; set; }

    /// <summary>Allocates and touches the pages the words go to, so the loop never materialises a frame.</summary>
    [GlobalSetup]
    public void Setup() => _area = new PteStoreArea(Size);

    /// <summary>PhysicalMemory.WriteWord of Size / 4 KiB descriptor values (page address | attribute bits), one call per word.</summary>
    [Benchmark(Baseline = true)]
    public uint BareStore()
    {
        PhysicalMemory memory = _area.Memory;
        uint table = _area.Table;
        uint words = _area.Words;
        for (uint i = 0; i < words; i++)
            memory.WriteWord(table + (i << 2), PteStoreArea.Descriptor(i));
        return words;
    }

    /// <summary>The word <paramref name="index"/> of the store area (for the smoke tests).</summary>
    internal uint Word(uint index) => _area.Word(index);

    string IBenchmarkState.Fingerprint() => _area.Fingerprint();

    bool? IBenchmarkState.NothingMapped => null;
}

using BenchmarkDotNet.Attributes;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks;

/// <summary>
/// The per-word store cost through the simulated memory's API: as many PhysicalMemory.WriteWord calls as mapping
/// <see cref="PteStoreBenchmark.Size"/> bytes with 4 KiB pages writes PTEs (Size / 4 KiB words, consecutive, as in
/// second-level tables), each with its frame lookup and write accounting. Batched drivers beat it by writing runs; the
/// limit they are held to is <see cref="RawStoreBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class BareStoreBenchmarks : PteStoreBenchmark
{
    /// <summary>PhysicalMemory.WriteWord of Size / 4 KiB descriptor values (page address | attribute bits), one call per word.</summary>
    [Benchmark(Baseline = true)]
    public uint BareStore()
    {
        PhysicalMemory memory = Memory;
        uint table = Table;
        uint words = Words;
        for (uint i = 0; i < words; i++)
            memory.WriteWord(table + (i << 2), Descriptor(i));
        return words;
    }
}

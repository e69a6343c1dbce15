using BenchmarkDotNet.Attributes;
using Migration.Analysis.C;

namespace Migration.Analysis.C.Benchmarks;

/// <summary>
/// The C front end of `analyze` over a generated kernel-style corpus of at least 10,000 lines (issue #10: under 2 s on
/// 2 cores): every file parsed with the kernel prelude, stubbed and parsed again, walked and cross-checked by tokens,
/// in parallel on the machine's cores with one libclang index per worker.
/// </summary>
[MemoryDiagnoser]
public class CFrontEndBenchmarks
{
    /// <summary>Files in the generated corpus.</summary>
    public const int Files = 12;

    /// <summary>Function blocks per file (about 40 lines each).</summary>
    public const int BlocksPerFile = 22;

    private string _folder = null!;
    private IReadOnlyList<string> _files = null!;

    /// <summary>Lines of C in the generated corpus.</summary>
    public int Lines { get; private set; }

    /// <summary>Writes the corpus into a fresh temporary folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("cfrontend-bench-").FullName;
        Lines = CDriverCorpus.Write(_folder, Files, BlocksPerFile);
        _files = CFolderAnalyzer.SourceFiles(_folder);
    }

    /// <summary>Deletes the corpus.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>The whole folder through the C front end; returns the number of findings.</summary>
    [Benchmark(Baseline = true)]
    public int AnalyzeFolder() => CFolderAnalyzer.Analyze(_files, _folder, CKernelCatalog.BuiltIn).Findings.Count;
}

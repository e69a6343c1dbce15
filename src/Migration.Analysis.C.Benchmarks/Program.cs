using BenchmarkDotNet.Running;

namespace Migration.Analysis.C.Benchmarks;

/// <summary>The runner of the C front-end benchmarks: every class of this assembly through BenchmarkDotNet's command line (--filter, --job, --inProcess).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/> (BenchmarkSwitcher).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

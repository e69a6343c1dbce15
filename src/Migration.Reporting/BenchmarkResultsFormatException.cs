namespace Migration.Reporting;

/// <summary>A BenchmarkDotNet results file that cannot be read or does not hold what a measured case needs; names the file and where.</summary>
public sealed class BenchmarkResultsFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/> at <paramref name="location"/> (a JSON path or "line N, byte M").</summary>
    public BenchmarkResultsFormatException(string file, string location, string problem, Exception? inner = null)
        : base($"{file}: {location}: {problem}", inner)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file that is wrong.</summary>
    public string File { get; }

    /// <summary>Where in it: a JSON path such as $.Benchmarks[2].Statistics.Median, or "line 3, byte 14".</summary>
    public string Location { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}

namespace Migration.Benchmarks;

/// <summary>What the smoke tests read from a benchmark class to check that an invocation is steady state.</summary>
internal interface IBenchmarkState
{
    /// <summary>The mapping state of every world the class set up (compared before and after an invocation).</summary>
    string Fingerprint();

    /// <summary>True when no world has anything mapped; null for classes that keep a mapping across invocations by design.</summary>
    bool? NothingMapped { get; }
}

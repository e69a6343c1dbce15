using CsCheck;

namespace Migration.Equivalence;

/// <summary>A scenario whose steps can be generated independently by CsCheck, so that a failing trace shrinks step by step.</summary>
public interface ITraceGenerator
{
    /// <summary>Random traces in which every step is runnable whatever came before (unknown buffers are refused alike by both worlds).</summary>
    Gen<TraceStep[]> Traces { get; }
}

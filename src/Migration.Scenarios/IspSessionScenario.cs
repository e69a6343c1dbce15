using Migration.Equivalence;

namespace Migration.Scenarios;

/// <summary>
/// What every scenario of omap3isp sessions shares, whatever its worlds: the step vocabulary (the driver's entry
/// points) and the building blocks of a capture session. Subclasses generate the sessions and name the worlds.
/// </summary>
public abstract class IspSessionScenario : IScenario
{
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["probe"] = [], ["remove"] = [], ["get"] = [], ["put"] = [], ["suspend"] = [], ["resume"] = [],
        ["streamon"] = [], ["streamoff"] = [], ["lscflush"] = [],
        ["reqbufs"] = ["node", "count", "size", "mem"],
        ["qbuf"] = ["node", "index"], ["dqbuf"] = ["node", "index"], ["dma"] = ["node", "index"], ["release"] = ["node"],
        ["lsc"] = ["size"], ["fpc"] = ["on", "fpnum"],
        ["stat"] = ["module", "size"], ["statenable"] = ["module", "on"], ["statdma"] = ["module", "index"],
    };

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public abstract int DefaultSteps { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<TraceStep> Generate(int seed, int steps);

    /// <inheritdoc />
    public virtual (string Field, string Message)? Validate(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!Required.TryGetValue(step.Op, out string[]? names))
            return ("op", $"unknown operation '{step.Op}' (known: {string.Join(", ", Required.Keys)})");
        foreach (string name in names)
        {
            if (!step.Has(name))
                return (name, $"'{step.Op}' needs {name}=");
        }
        if (step.Has("node") && step["node"] is < 0 or > 6)
            return ("node", "must be 0..6 (CCDC output, CSI2A output, CCP2 input, preview input/output, resizer input/output)");
        if (step.Has("module") && step["module"] is < 0 or > 2)
            return ("module", "must be 0 (AEWB), 1 (AF) or 2 (histogram)");
        if (step.Has("mem") && step["mem"] is < 0 or > 2)
            return ("mem", "must be 0 (MMAP), 1 (USERPTR) or 2 (USERPTR on a PFNMAP mapping)");
        if (step.Has("index") && step["index"] is < 0 or > 31)
            return ("index", "must be 0..31");
        if (step.Has("size") && step["size"] is < 0 or > 0x4000000)
            return ("size", "must be 0 .. 0x4000000 bytes");
        return null;
    }

    /// <inheritdoc />
    public abstract IReadOnlyList<IWorldComparison> Comparisons { get; }

    /// <inheritdoc />
    public virtual IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode) => [];

    /// <summary>QBUF of buffers 0 .. <paramref name="count"/> - 1 of <paramref name="node"/>; the queue of what is queued, in order.</summary>
    protected static Queue<int> AddQueueAll(List<TraceStep> steps, int node, int count)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var queued = new Queue<int>();
        for (int i = 0; i < count; i++)
        {
            steps.Add(Step("qbuf", ("node", node), ("index", i)));
            queued.Enqueue(i);
        }
        return queued;
    }

    /// <summary>The ISP fills the head buffer of <paramref name="node"/>'s queue, the application dequeues it and queues it again.</summary>
    protected static void AddFrame(List<TraceStep> steps, int node, Queue<int> queued)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(queued);
        int head = queued.Dequeue();
        steps.Add(Step("dma", ("node", node), ("index", head)));
        steps.Add(Step("dqbuf", ("node", node), ("index", head)));
        steps.Add(Step("qbuf", ("node", node), ("index", head)));
        queued.Enqueue(head);
    }

    /// <summary>A power transition mid-stream: stream off, suspend, resume, stream on (the IOMMU context saved and restored).</summary>
    protected static void AddSuspendResume(List<TraceStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        steps.Add(Step("streamoff"));
        steps.Add(Step("suspend"));
        steps.Add(Step("resume"));
        steps.Add(Step("streamon"));
    }

    /// <summary>A step with integer arguments given as name/value pairs.</summary>
    protected static TraceStep Step(string op, params (string Name, long Value)[] args) =>
        new(op, args.Select(a => new TraceArg(a.Name, a.Value)).ToArray());
}

using Migration.Equivalence;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.SharedSpace;

namespace Migration.Scenarios;

/// <summary>
/// `shared-space` (issue #9, the 2010 VCM idea built as a library): the ported omap3isp (OMAP MMU) and the ported
/// MSM camera (MSM IOMMU, CAMERA domain) share buffers through one address space. The ISP captures with buffer
/// churn, statistics and LSC tables, all mapped through the space; the camera joins a populated space (replay),
/// leaves and rejoins it, keeps private frames outside it, and may vanish mid-stream. One world, checked against
/// itself: after every step each attached IOMMU must translate every shared address as the space's mappings say.
/// </summary>
public sealed class SharedSpaceScenario : IspSessionScenario, ISharedSpaceScenario
{
    private static readonly HashSet<string> MsmOps = ["msm-open", "msm-share", "msm-unshare", "msm-crash"];
    private static readonly uint[] Sizes = [640 * 480 * 2, 1280 * 720 * 2, 1920 * 1080 * 2];

    /// <summary>The scenario; with <paramref name="knownBadPort"/> the world runs that deliberately wrong port (test-only).</summary>
    public SharedSpaceScenario(KnownBadPort? knownBadPort = null) => KnownBadPort = knownBadPort;

    /// <summary>The known-bad port the world runs, or null for the real ports.</summary>
    public KnownBadPort? KnownBadPort { get; }

    /// <inheritdoc />
    public override string Name => "shared-space";

    /// <inheritdoc />
    public override string Description => "omap3isp (OMAP MMU) and the MSM camera (MSM IOMMU) sharing buffers through one SharedAddressSpace: every attached IOMMU translates every shared address identically";

    /// <inheritdoc />
    public override int DefaultSteps => 300;

    /// <summary>One world checked across its IOMMUs.</summary>
    public override IReadOnlyList<IWorldComparison> Comparisons { get; } = [CrossDeviceComparison.Instance];

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps)
    {
        var rng = new Random(seed);
        var s = new List<TraceStep> { Step("probe"), Step("get") };
        s.Add(Step("lsc", ("size", rng.Next(1, 8) * 0x1000 + rng.Next(0, 0x1000))));
        int[] nodes = [0, 6];
        var queued = new Dictionary<int, Queue<int>>();

        void Setup(int node)
        {
            int n = rng.Next(3, 6);
            s.Add(Step("reqbufs", ("node", node), ("count", n), ("size", Sizes[rng.Next(Sizes.Length)]), ("mem", rng.Next(2))));
            queued[node] = AddQueueAll(s, node, n);
        }

        foreach (int node in nodes)
            Setup(node);
        s.Add(Step("stat", ("module", 0), ("size", rng.Next(0x1000, 0x20000))));
        s.Add(Step("statenable", ("module", 0), ("on", 1)));
        s.Add(Step("streamon"));
        // The camera joins a populated space: everything the ISP mapped is replayed into the MSM tables.
        s.Add(Step("msm-open"));
        s.Add(Step("msm-frame", ("size", rng.Next(1, 64) * 0x1000)));
        s.Add(Step("msm-share"));
        s.Add(Step("cached-buffer", ("size", 0x6000))); // the one mapping that asks for IOMMU_CACHE
        bool shared = true, crashed = false;
        int crashAt = rng.Next(2) == 0 ? steps * 2 / 3 : int.MaxValue;
        while (s.Count < steps - 6)
        {
            int node = nodes[rng.Next(nodes.Length)];
            int roll = rng.Next(30);
            if (!crashed && s.Count >= crashAt)
            {
                s.Add(Step("msm-crash")); // the camera vanishes mid-stream; the ISP streams on
                crashed = true;
            }
            else if (roll < 16 && queued[node].Count > 0)
            {
                AddFrame(s, node, queued[node]);
            }
            else if (roll < 19)
            {
                s.Add(Step("stat", ("module", rng.Next(3)), ("size", rng.Next(0x1000, 0x40000))));
                s.Add(Step("statenable", ("module", rng.Next(3)), ("on", rng.Next(2))));
            }
            else if (roll < 21)
            {
                s.Add(Step("lsc", ("size", rng.Next(1, 16) * 0x1000)));
                s.Add(Step("lscflush"));
            }
            else if (roll < 23 && !crashed)
            {
                s.Add(Step(shared ? "msm-unshare" : "msm-share"));
                shared = !shared;
            }
            else if (roll < 24)
            {
                AddSuspendResume(s);
            }
            else
            {
                // Resolution change: every buffer of the node unmapped from every device, new ones mapped.
                s.Add(Step("streamoff"));
                s.Add(Step("release", ("node", node)));
                Setup(node);
                s.Add(Step("streamon"));
            }
        }
        s.Add(Step("streamoff"));
        foreach (int node in nodes)
            s.Add(Step("release", ("node", node)));
        for (int m = 0; m < 3; m++)
            s.Add(Step("statenable", ("module", m), ("on", 0)));
        s.Add(Step("put"));
        return s;
    }

    /// <inheritdoc />
    public override (string Field, string Message)? Validate(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (MsmOps.Contains(step.Op))
            return null;
        if (step.Op is "msm-frame" or "cached-buffer")
            return step.Has("size") ? step["size"] is > 0 and <= 0x1000000 ? null : ("size", "must be 1 .. 0x1000000 bytes") : ("size", $"'{step.Op}' needs size=");
        return base.Validate(step);
    }

    /// <inheritdoc />
    public ISharedSpaceWorld CreateWorld() => new SharedSpaceWorld(KnownBadPort);
}

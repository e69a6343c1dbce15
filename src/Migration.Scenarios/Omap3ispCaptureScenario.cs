using Migration.Equivalence;

namespace Migration.Scenarios;

/// <summary>
/// `omap3isp-capture`: a capture session (omap.md §6): probe, LSC and FPC tables, REQBUFS on the CCDC output and
/// the resizer output (MMAP, USERPTR or PFNMAP buffers at camera resolutions), streaming with QBUF/DQBUF churn
/// while the ISP writes each frame, LSC updates, suspend/resume, resolution changes, close.
/// </summary>
public sealed class Omap3ispCaptureScenario : IspScenario
{
    private static readonly uint[] Sizes = [640 * 480 * 2, 1280 * 720 * 2, 1920 * 1080 * 2, 2592 * 1944 * 2];

    /// <inheritdoc />
    public override string Name => "omap3isp-capture";

    /// <inheritdoc />
    public override string Description => "omap3isp capture session (video buffers, LSC/FPC, streaming churn, suspend/resume): 3.0 vendor API vs 3.3 omap-iovmm";

    /// <inheritdoc />
    public override int DefaultSteps => 300;

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps)
    {
        var rng = new Random(seed);
        var s = new List<TraceStep> { Step("probe"), Step("get") };
        s.Add(Step("lsc", ("size", rng.Next(1, 8) * 0x1000 + rng.Next(0, 0x1000))));
        s.Add(Step("fpc", ("on", 1), ("fpnum", rng.Next(1, 512))));
        int[] nodes = [0, 6]; // CCDC output, resizer output
        var count = new Dictionary<int, int>();
        var queued = new Dictionary<int, Queue<int>>();

        void Setup(int node)
        {
            uint size = Sizes[rng.Next(Sizes.Length)];
            int n = rng.Next(3, 6);
            int mem = rng.Next(3);
            s.Add(Step("reqbufs", ("node", node), ("count", n), ("size", size), ("mem", mem)));
            count[node] = n;
            queued[node] = AddQueueAll(s, node, n);
        }

        foreach (int node in nodes)
            Setup(node);
        s.Add(Step("streamon"));
        while (s.Count < steps - 8)
        {
            int node = nodes[rng.Next(nodes.Length)];
            int roll = rng.Next(24);
            if (roll < 16 && queued[node].Count > 0)
            {
                AddFrame(s, node, queued[node]);
            }
            else if (roll < 19)
            {
                s.Add(Step("lsc", ("size", rng.Next(1, 8) * 0x1000 + rng.Next(0, 0x1000))));
                s.Add(Step("lscflush"));
            }
            else if (roll < 21)
            {
                AddSuspendResume(s);
            }
            else
            {
                // Resolution change on one node: stop, free every buffer, allocate new ones.
                s.Add(Step("streamoff"));
                s.Add(Step("release", ("node", node)));
                if (rng.Next(2) == 0)
                    s.Add(Step("fpc", ("on", 1), ("fpnum", rng.Next(1, 512))));
                Setup(node);
                s.Add(Step("streamon"));
            }
        }
        s.Add(Step("streamoff"));
        foreach (int node in nodes)
            s.Add(Step("release", ("node", node)));
        s.Add(Step("put"));
        return s;
    }
}

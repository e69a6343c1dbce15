using Migration.Equivalence;
using Migration.Scenarios.SharedSpace;

namespace Migration.Scenarios.Tests;

/// <summary>`shared-space`: omap3isp and the MSM camera share buffers through one address space; every attached IOMMU must translate it identically.</summary>
public class SharedSpaceScenarioTests
{
    private const uint SharedStart = 0x80000000;
    private const uint MsmSmallPageNonCached = 0xC36; // msm.md §3.3: prot slot NONCACHED → class 1, 4K low bits
    private const uint MsmSmallPageWbWa = 0xC7E;      // class 7 (WB_WA)
    private const uint OmapSmallPage = 0x2;           // omap.md §2.3: 4K small page, little-endian, 8-bit elements

    private static TraceStep Step(string op, params (string Name, long Value)[] args) =>
        new(op, args.Select(a => new TraceArg(a.Name, a.Value)).ToArray());

    // Probe, three 640x480 MMAP buffers on the CCDC output queued (mapped through the space), the camera opened.
    private static readonly TraceStep[] Populate =
    [
        Step("probe"), Step("get"),
        Step("reqbufs", ("node", 0), ("count", 3), ("size", 640 * 480 * 2), ("mem", 0)),
        Step("qbuf", ("node", 0), ("index", 0)), Step("qbuf", ("node", 0), ("index", 1)), Step("qbuf", ("node", 0), ("index", 2)),
        Step("msm-open"),
    ];

    [Fact]
    public void TheDefaultSession_IsTranslatedIdentically_ByEveryAttachedIommu()
    {
        IScenario s = ScenarioCatalog.Find("shared-space")!;
        Assert.Same(CrossDeviceComparison.Instance, Assert.Single(s.Comparisons));
        Assert.Equal([EquivalenceMode.Translation], s.Comparisons[0].Modes);
        EquivalenceReport r = EquivalenceEngine.Run(s, new Trace(s.Name, 1, s.Generate(1, s.DefaultSteps)));
        Assert.Null(r.Divergence);
        Assert.Equal(r.StepsTotal, r.StepsRun);
        Assert.True(r.MappingsCompared > 100_000, $"only {r.MappingsCompared} entries compared");
        Assert.Contains("  reference: the shared spaces' own mappings (vcm [0x80000000, 0x0c0000000))", r.ToText());
    }

    [Fact]
    public void StrictMode_DoesNotApply_AcrossPageTableFormats()
    {
        IScenario s = ScenarioCatalog.Find("shared-space")!;
        Assert.Null(EquivalenceEngine.ComparisonFor(s, EquivalenceMode.Strict));
        Assert.Same(CrossDeviceComparison.Instance, EquivalenceEngine.ComparisonFor(s, EquivalenceMode.Translation));
        var e = Assert.Throws<ArgumentException>(() => EquivalenceEngine.Run(s, new Trace(s.Name, 1, []), new EquivalenceOptions { Mode = EquivalenceMode.Strict }));
        Assert.StartsWith("scenario shared-space has no comparison in Strict mode (cross-device: Translation)", e.Message);
    }

    [Fact]
    public void AWrongAttributeOnTheOmapIommu_IsReported_WithThatIommuAndTheAddress()
    {
        IScenario s = ScenarioCatalog.Find("shared-space", brokenPort: true)!;
        EquivalenceReport r = EquivalenceEngine.Run(s, new Trace(s.Name, 1, s.Generate(1, s.DefaultSteps)));
        Divergence d = Assert.IsType<Divergence>(r.Divergence);
        Assert.Equal(DivergenceKind.CrossDevice, d.Kind);
        Assert.Equal(2, d.Step); // the first buffer mapped through the space: the LSC table
        Assert.StartsWith("lsc ", d.StepText);
        Assert.Equal("isp", d.Space);
        Assert.Equal(SharedStart, d.Iova);
        Assert.Equal("IOMMU isp (omap)", d.PortedLabel);
        Assert.Matches(@"^4K pte 0x[0-9a-f]{5}202 @pa 0x[0-9a-f]{8} attrs 0x200: 0x80000000 -> 0x[0-9a-f]{8}, rw, big-endian, no memory type$", d.Ported);
        Assert.Contains("little-endian, non-cached", d.Legacy);
        Assert.Contains("IOMMU isp (omap): 4K pte", d.ToString());
    }

    [Fact]
    public void TheCameraJoiningAPopulatedSpace_GetsEveryBufferReplayed_InItsOwnFormat()
    {
        var world = new SharedSpaceWorld(knownBad: null);
        foreach (TraceStep step in Populate)
            Assert.True(world.Apply(step).Value >= 0, $"{step} failed"); // REQBUFS returns the buffer count
        Assert.Single(world.SharedSpaces[0].Attached()); // the ISP only
        Assert.Equal(0, world.Apply(Step("msm-share")).Value);

        Assert.Equal(["isp", "camera"], world.SharedSpaces[0].Attached().Select(a => a.Name));
        Assert.Equal(3 * 150, world.Space.Mappings.Count); // 4K vmalloc pages, one mapping each
        DeviceAddressSpace isp = world.Spaces[0], camera = world.Spaces[1];
        foreach (Generic.Iommu.SharedMapping m in world.Space.Mappings)
        {
            Assert.True(isp.Walker.Walk(isp.Root(), m.Iova, out PageEntry o, out _));
            Assert.True(camera.Walker.Walk(camera.Root(), m.Iova, out PageEntry c, out _));
            Assert.Equal(m.Pa | OmapSmallPage, o.Descriptor);
            Assert.Equal(m.Pa | MsmSmallPageNonCached, c.Descriptor);
        }
        Assert.Equal(SharedStart, world.Space.Mappings.First().Iova);
    }

    [Fact]
    public void LeavingTheSpace_UnmapsTheCameraOnly_AndRejoiningReplaysAgain()
    {
        var world = new SharedSpaceWorld(knownBad: null);
        foreach (TraceStep step in Populate.Append(Step("msm-share")))
            world.Apply(step);
        DeviceAddressSpace isp = world.Spaces[0], camera = world.Spaces[1];

        Assert.Equal(0, world.Apply(Step("msm-unshare")).Value);
        Assert.False(camera.Walker.Walk(camera.Root(), SharedStart, out _, out _));
        Assert.True(isp.Walker.Walk(isp.Root(), SharedStart, out _, out _));
        Assert.Equal(-Migration.Kernel.Errno.EINVAL, world.Apply(Step("msm-unshare")).Value);

        Assert.Equal(0, world.Apply(Step("msm-share")).Value);
        Assert.True(camera.Walker.Walk(camera.Root(), SharedStart, out PageEntry again, out _));
        Assert.Equal(world.Space.Mappings.First().Pa | MsmSmallPageNonCached, again.Descriptor);
    }

    [Fact]
    public void ACameraThatVanishesMidStream_TakesNothingFromTheIsp()
    {
        var world = new SharedSpaceWorld(knownBad: null);
        foreach (TraceStep step in Populate.Concat([Step("msm-share"), Step("streamon")]))
            world.Apply(step);
        uint[] pages = world.Space.Mappings.Select(m => m.Pa).ToArray();

        Assert.Equal(0, world.Apply(Step("msm-crash")).Value);

        Assert.Equal(["isp"], world.SharedSpaces[0].Attached().Select(a => a.Name));
        Assert.Equal(-Migration.Kernel.Errno.ENODEV, world.Apply(Step("msm-share")).Value);
        Assert.Equal(-Migration.Kernel.Errno.ENODEV, world.Apply(Step("msm-open")).Value);
        // The ISP streams on: a buffer cycles through DQBUF/QBUF (unmapped, mapped again) with every page kept.
        Assert.Equal(0, world.Apply(Step("dqbuf", ("node", 0), ("index", 0))).Value);
        Assert.Equal(0, world.Apply(Step("qbuf", ("node", 0), ("index", 0))).Value);
        Assert.Equal(pages.Length, world.Space.Mappings.Count);
        Assert.Equal(pages.Order(), world.Space.Mappings.Select(m => m.Pa).Order());
        DeviceAddressSpace isp = world.Spaces[0];
        foreach (Generic.Iommu.SharedMapping m in world.Space.Mappings)
            Assert.True(isp.Walker.Walk(isp.Root(), m.Iova, out PageEntry e, out _) && e.Pa == m.Pa);
    }

    [Fact]
    public void AWrongMemoryTypeOnTheMsmIommu_IsReported_WithThatIommu()
    {
        var world = new SharedSpaceWorld(knownBad: null);
        foreach (TraceStep step in Populate.Append(Step("msm-share")))
            world.Apply(step);
        DeviceAddressSpace camera = world.Spaces[1];
        uint target = SharedStart + 0x5000;
        Assert.True(camera.Walker.Walk(camera.Root(), target, out PageEntry e, out _));
        world.Memory.WriteWord(e.DescriptorAddress, (e.Descriptor & ~0xFFFu) | MsmSmallPageWbWa); // a cached class where the space asked for none

        EquivalenceReport r = EquivalenceEngine.Run(new PreparedWorld(world), new Trace("prepared", 0, []));

        Divergence d = Assert.IsType<Divergence>(r.Divergence);
        Assert.Equal(DivergenceKind.CrossDevice, d.Kind);
        Assert.Equal("camera", d.Space);
        Assert.Equal(target, d.Iova);
        Assert.Equal("IOMMU camera (msm)", d.PortedLabel);
        Assert.EndsWith("rw, little-endian, cached", d.Ported);
    }

    /// <summary>A cross-device scenario over a world a test has already driven (and perhaps corrupted).</summary>
    private sealed class PreparedWorld(SharedSpaceWorld world) : ISharedSpaceScenario
    {
        public string Name => "prepared";

        public string Description => "a prepared shared-space world";

        public int DefaultSteps => 0;

        public IReadOnlyList<IWorldComparison> Comparisons => [CrossDeviceComparison.Instance];

        public IReadOnlyList<TraceStep> Generate(int seed, int steps) => [];

        public (string Field, string Message)? Validate(TraceStep step) => null;

        public ISharedSpaceWorld CreateWorld() => world;
    }
}

using Migration.Equivalence;

namespace Migration.Scenarios.Tests;

/// <summary>The documented differences of the real 2011-12 port are found, exactly, and labelled with their section.</summary>
public class PortDifferenceTests
{
    private static Divergence Run(IScenario s) =>
        EquivalenceEngine.Run(s, new Trace(s.Name, 0, s.Generate(0, s.DefaultSteps))).Divergence!;

    [Fact]
    public void MisalignedSuperpageEntry_IsEnomemIn30_AndSplitIn33_OmapMd75()
    {
        Divergence d = Run(new OmapMisalignedSuperpageScenario());

        // The vmalloc took [0x1000, 0x4000) plus a guard page, so the 64K entry lands at 0x5000 (omap.md §8.11).
        Assert.Equal(1, d.Step);
        Assert.Equal(DivergenceKind.ReturnValue, d.Kind);
        Assert.Equal("-12 (ENOMEM)", d.Legacy);
        Assert.Equal("0x5000", d.Ported);
        Assert.StartsWith("omap.md §7.5", d.Reference);
    }

    [Fact]
    public void MisalignedSuperpageEntry_IsMappedWith4KPagesIn33()
    {
        // Without return values the tables differ too: 3.0 rolled the area back, 3.3 mapped sixteen 4K pages.
        var s = new OmapMisalignedSuperpageScenario();
        EquivalenceReport r = EquivalenceEngine.Run(s, new Trace(s.Name, 0, s.Generate(0, 3)), new EquivalenceOptions { CompareReturnValues = false });
        Divergence d = r.Divergence!;
        Assert.Equal(1, r.ReturnValueDifferences);
        Assert.Equal(DivergenceKind.Translation, d.Kind);
        Assert.Equal(0x5000u, d.Iova);
        Assert.Equal("unmapped (fault)", d.Legacy);
        Assert.Matches(@"^4K pte 0x88010002 @pa 0x[0-9a-f]{8} attrs 0x0 -> 0x88010000$", d.Ported);
    }

    [Fact]
    public void GenericProt_TurnsA4KRequestIntoASupersection_OmapMd73()
    {
        Divergence d = Run(new OmapGenericProtScenario());

        // Both map 0x01000000 (4K in 3.0; the 16M supersection in 3.3), so the first difference is the next page.
        Assert.Equal(0, d.Step);
        Assert.Equal(DivergenceKind.Translation, d.Kind);
        Assert.Equal(0x01001000u, d.Iova);
        Assert.Equal("unmapped (fault)", d.Legacy);
        // Slot 0x010 of the domain's L1 table (allocated first, at the bank base): pa | 0x40000 supersection | 2.
        Assert.Equal("16M pgd 0x81040002 @pa 0x80000040 attrs 0x0 -> 0x81001000", d.Ported);
        Assert.Equal("iommu_map(domain, 0x01000000, 0x81000000, 0x1000, 3)", d.PortedWriter);
        Assert.StartsWith("omap.md §7.3", d.Reference);
    }

    [Fact]
    public void GenericProt_AtAnAddressNotAlignedTo16M_IsEinval()
    {
        var s = new OmapGenericProtScenario();
        var second = new Trace(s.Name, 0, [s.Generate(0, 2)[1]]);
        Divergence d = EquivalenceEngine.Run(s, second).Divergence!;
        Assert.Equal(DivergenceKind.ReturnValue, d.Kind);
        Assert.Equal("0", d.Legacy);
        Assert.Equal("-22 (EINVAL)", d.Ported);
    }
}

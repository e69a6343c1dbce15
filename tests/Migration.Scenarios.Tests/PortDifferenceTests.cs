using Migration.Equivalence;

namespace Migration.Scenarios.Tests;

/// <summary>
/// The documented differences of the real 2011-12 port are found exactly as declared (step, kind, space, address,
/// both sides), labelled with their section, and the run goes on past each of them.
/// </summary>
public class PortDifferenceTests
{
    private static EquivalenceReport Run(IScenario s, EquivalenceOptions? options = null) =>
        EquivalenceEngine.Run(s, new Trace(s.Name, 0, s.Generate(0, s.DefaultSteps)), options);

    private static string Where(Divergence d) => $"{d.Step} {d.Kind}" + (d.Iova is { } da ? $" {d.Space} 0x{da:x8}" : "");

    [Fact]
    public void MisalignedSuperpageEntry_IsEnomemIn30_AndSplitIn33_OmapMd75()
    {
        EquivalenceReport r = Run(new OmapMisalignedSuperpageScenario());

        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
        Assert.Equal(3, r.StepsRun);
        Assert.Equal(["1 ReturnValue", "1 Translation isp 0x00005000", "2 ReturnValue", "2 DeviceAccess"], r.Documented.Select(Where));
        // The vmalloc took [0x1000, 0x4000) plus a guard page, so the 64K entry lands at 0x5000 (omap.md §8.11).
        Divergence d = r.Documented[0];
        Assert.Equal("-12 (ENOMEM)", d.Legacy);
        Assert.Equal("0x5000", d.Ported);
        Assert.All(r.Documented, x => Assert.StartsWith("omap.md §7.5", x.Reference));
    }

    [Fact]
    public void MisalignedSuperpageEntry_IsMappedWith4KPagesIn33()
    {
        // 3.0 rolled the area back, 3.3 mapped sixteen 4K pages: [0x5000, 0x15000) is mapped in 3.3 only.
        EquivalenceReport r = Run(new OmapMisalignedSuperpageScenario());
        Divergence d = r.Documented[1];
        Assert.Equal(DivergenceKind.Translation, d.Kind);
        Assert.Equal(0x5000u, d.Iova);
        Assert.Equal("unmapped (fault)", d.Legacy);
        Assert.Matches(@"^4K pte 0x88010002 @pa 0x[0-9a-f]{8} attrs 0x0 -> 0x88010000$", d.Ported);
        Assert.Equal(0u, d.LegacyPageSize);
        Assert.Equal(0x1000u, d.PortedPageSize);
    }

    [Fact]
    public void GenericProt_TurnsA4KRequestIntoASupersection_OmapMd73()
    {
        EquivalenceReport r = Run(new OmapGenericProtScenario());

        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
        Assert.Equal(["0 Translation isp 0x01001000", "1 ReturnValue", "1 Translation isp 0x00101000"], r.Documented.Select(Where));
        // Both map 0x01000000 (4K in 3.0; the 16M supersection in 3.3), so the first difference is the next page.
        Divergence d = r.Documented[0];
        Assert.Equal("unmapped (fault)", d.Legacy);
        // Slot 0x010 of the domain's L1 table (allocated first, at the bank base): pa | 0x40000 supersection | 2.
        Assert.Equal("16M pgd 0x81040002 @pa 0x80000040 attrs 0x0 -> 0x81001000", d.Ported);
        Assert.Equal("iommu_map(domain, 0x01000000, 0x81000000, 0x1000, 3)", d.PortedWriter);
        Assert.StartsWith("omap.md §7.3", d.Reference);
    }

    [Fact]
    public void GenericProt_AtAnAddressNotAlignedTo16M_IsEinval()
    {
        EquivalenceReport r = Run(new OmapGenericProtScenario());
        Divergence d = r.Documented[1];
        Assert.Equal("0", d.Legacy);
        Assert.Equal("-22 (EINVAL)", d.Ported);
        Assert.Equal(0L, d.LegacyValue);
        Assert.Equal(-22L, d.PortedValue);
    }

    [Fact]
    public void GenericProt_InStrictMode_FindsNothingElse_TheEntriesOfTheDocumentedRangesAreExcluded()
    {
        EquivalenceReport r = Run(new OmapGenericProtScenario(), new EquivalenceOptions { Mode = EquivalenceMode.Strict });
        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
        Assert.Equal(3, r.DocumentedCount);
    }

    [Fact]
    public void AnEditedScript_IsNotDocumented_ItsDivergenceIsUnexpected()
    {
        // Only the scripted session is documented: its second step alone is a trace whose worlds must agree.
        var s = new OmapGenericProtScenario();
        EquivalenceReport r = EquivalenceEngine.Run(s, new Trace(s.Name, 0, [s.Generate(0, 2)[1]]));
        Assert.Equal(EquivalenceVerdict.Divergent, r.Verdict);
        Assert.Equal(DivergenceKind.ReturnValue, r.Divergence!.Kind);
        Assert.Null(r.Divergence.Reference);
        Assert.Equal("-22 (EINVAL)", r.Divergence.Ported);
    }
}

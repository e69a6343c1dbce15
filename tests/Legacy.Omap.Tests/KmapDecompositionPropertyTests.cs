using CsCheck;
using Migration.Drivers.Omap;

namespace Legacy.Omap.Tests;

/// <summary>
/// Properties of the 3.0 superpage decomposition used by iommu_kmap (omap.md §5.3, §5.4, §8.13, §8.18).
/// </summary>
public class KmapDecompositionPropertyTests
{
    private static readonly Gen<(uint PaPages, uint Pages)> PaAndSize =
        Gen.Select(Gen.UInt[0, 0x7FFF], Gen.UInt[1, 0x1200]);

    [Fact]
    public void AnonymousKmapWithDaZero_CoversExactlyTheRange_AndTranslatesLinearly()
    {
        PaAndSize.Sample(input =>
        {
            var rig = new LegacyOmapRig();
            uint pa = 0x88000000 + (input.PaPages << 12);
            uint bytes = input.Pages << 12;

            uint da = Iovmm.Kmap(rig.Isp, 0, pa, bytes, 0);

            // With da = 0 every entry size divides its offset, and the area start is aligned to
            // iopgsz_max(bytes) >= every entry, so no store can be misaligned.
            Assert.Equal(0u, da % IopgSize.IopgszMax(bytes));
            IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
            Assert.Equal(bytes, area.Length);
            uint total = 0;
            for (int i = 0; i < area.Sgt!.Nents; i++)
            {
                Assert.True(IopgSize.IopgszOk(area.Sgt.Sgl[i].Length));
                Assert.Equal(pa + total, area.Sgt.Sgl[i].Phys);
                total += area.Sgt.Sgl[i].Length;
            }
            Assert.Equal(bytes, total);
            foreach (uint offset in new[] { 0u, bytes / 2 & ~3u, bytes - 4 })
                Assert.Equal(pa + offset, rig.IspMmu.Translate(da + offset).Pa);

            Iovmm.Kunmap(rig.Isp, da);
            Assert.Empty(rig.Isp.Instance.Mmap);
            Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
            Assert.True(rig.L1TableIsZero(rig.Isp));
        }, iter: 60);
    }
}

using Generic.Iommu;

namespace Generic.IoPgtable.Tests;

/// <summary>The self-test's dummy callbacks (arm_v7s_do_selftests): records every call and checks the cookie and sizes.</summary>
internal sealed class RecordingFlushOps : IIommuFlushOps
{
    public object? ExpectedCookie { get; set; }

    public List<string> Calls { get; } = [];

    public void TlbFlushAll(object? cookie)
    {
        Assert.Same(ExpectedCookie, cookie);
        Calls.Add("all");
    }

    public void TlbFlushWalk(uint iova, uint size, uint granule, object? cookie)
    {
        Assert.Same(ExpectedCookie, cookie);
        AssertPageSize(size);
        AssertPageSize(granule);
        Calls.Add($"walk {iova:x8} {size:x} {granule:x}");
    }

    public void TlbAddPage(ref IommuIotlbGather gather, uint iova, uint granule, object? cookie)
    {
        Assert.Same(ExpectedCookie, cookie);
        AssertPageSize(granule);
        Calls.Add($"page {iova:x8} {granule:x}");
    }

    // "every flushed size (or add_page granule) has a bit in the bitmap" (v7s.md §6 setup).
    private static void AssertPageSize(uint size) => Assert.True((size & ArmV7sFormat.SupportedPageSizes) != 0 && (size & (size - 1)) == 0, $"0x{size:x}");
}

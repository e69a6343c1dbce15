using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm.Vendor.Tests;

public class DomainNumbersAndLayoutTests
{
    [Fact]
    public void DomainAndPoolEnums_HaveTheG3Values()
    {
        Assert.Equal(0, VIDEO_DOMAIN);
        Assert.Equal(1, CAMERA_DOMAIN);
        Assert.Equal(2, DISPLAY_READ_DOMAIN);
        Assert.Equal(3, DISPLAY_WRITE_DOMAIN);
        Assert.Equal(4, ROTATOR_SRC_DOMAIN);
        Assert.Equal(5, ROTATOR_DST_DOMAIN);
        Assert.Equal(6, MAX_DOMAINS);
        Assert.Equal(0, VIDEO_FIRMWARE_POOL);
        Assert.Equal(1, VIDEO_MAIN_POOL);
        Assert.Equal(2, GEN_POOL);
    }

    [Fact]
    public void Msm8960_VideoDomain_HasThreeExactPartitions()
    {
        IReadOnlyList<MsmIovaPartition> video = MsmIovaLayout.Msm8960.Domains[VIDEO_DOMAIN];
        Assert.Equal(
            [new MsmIovaPartition(0x00020000, 0x00FE0000), new MsmIovaPartition(0x01000000, 0x0F000000), new MsmIovaPartition(0x10000000, 0x70000000)],
            video);
        Assert.Equal(0x01000000UL, video[VIDEO_FIRMWARE_POOL].End);
        Assert.Equal(0x10000000UL, video[VIDEO_MAIN_POOL].End);
        Assert.Equal(0x80000000UL, video[GEN_POOL].End);
    }

    [Theory]
    [InlineData(CAMERA_DOMAIN)]
    [InlineData(DISPLAY_READ_DOMAIN)]
    [InlineData(DISPLAY_WRITE_DOMAIN)]
    [InlineData(ROTATOR_SRC_DOMAIN)]
    [InlineData(ROTATOR_DST_DOMAIN)]
    public void Msm8960_OtherDomains_HaveOnlyGenPool(int domain)
    {
        Assert.Equal(
            [new MsmIovaPartition(0, 0), new MsmIovaPartition(0, 0), new MsmIovaPartition(0x00020000, 0x7FFE0000)],
            MsmIovaLayout.Msm8960.Domains[domain]);
    }

    [Fact]
    public void Msm8960_HasSixDomains()
    {
        Assert.Equal(MAX_DOMAINS, MsmIovaLayout.Msm8960.Domains.Count);
        Assert.Equal(MAX_DOMAINS, MsmIovaLayout.Msm8064.Domains.Count);
    }

    [Fact]
    public void Msm8960_ContextTable_IsTheBoardTableInOrder()
    {
        Assert.Equal(
            [
                new MsmIommuDomainName("vpe_src", CAMERA_DOMAIN),
                new MsmIommuDomainName("vpe_dst", CAMERA_DOMAIN),
                new MsmIommuDomainName("vfe_imgwr", CAMERA_DOMAIN),
                new MsmIommuDomainName("vfe_misc", CAMERA_DOMAIN),
                new MsmIommuDomainName("ijpeg_src", CAMERA_DOMAIN),
                new MsmIommuDomainName("ijpeg_dst", CAMERA_DOMAIN),
                new MsmIommuDomainName("jpegd_src", CAMERA_DOMAIN),
                new MsmIommuDomainName("jpegd_dst", CAMERA_DOMAIN),
                new MsmIommuDomainName("rot_src", ROTATOR_SRC_DOMAIN),
                new MsmIommuDomainName("rot_dst", ROTATOR_SRC_DOMAIN),
                new MsmIommuDomainName("vcodec_a_mm1", VIDEO_DOMAIN),
                new MsmIommuDomainName("vcodec_b_mm2", VIDEO_DOMAIN),
                new MsmIommuDomainName("vcodec_a_stream", VIDEO_DOMAIN),
            ],
            MsmIovaLayout.Msm8960.ContextDomains);
    }

    [Fact]
    public void Msm8064_DiffersOnlyInRotDst()
    {
        var diffs = MsmIovaLayout.Msm8960.ContextDomains.Zip(MsmIovaLayout.Msm8064.ContextDomains)
            .Where(p => p.First != p.Second).ToList();
        Assert.Equal([(new MsmIommuDomainName("rot_dst", ROTATOR_SRC_DOMAIN), new MsmIommuDomainName("rot_dst", ROTATOR_DST_DOMAIN))], diffs);
    }
}

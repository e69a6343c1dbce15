using Migration.Kernel;

namespace Migration.Kernel.Tests;

/// <summary>Linux ARM errno numbers (omap.md conventions) and their names.</summary>
public class ErrnoTests
{
    [Theory]
    [InlineData(Errno.EIO, 5)]
    [InlineData(Errno.EAGAIN, 11)]
    [InlineData(Errno.ENOMEM, 12)]
    [InlineData(Errno.EFAULT, 14)]
    [InlineData(Errno.EBUSY, 16)]
    [InlineData(Errno.EEXIST, 17)]
    [InlineData(Errno.ENODEV, 19)]
    [InlineData(Errno.EINVAL, 22)]
    [InlineData(Errno.ENOSPC, 28)]
    [InlineData(Errno.ENOSYS, 38)]
    public void Errno_HasLinuxArmNumber(int constant, int expected) => Assert.Equal(expected, constant);

    [Fact]
    public void MaxErrno_Is4095() => Assert.Equal(4095, Errno.MAX_ERRNO);

    [Theory]
    [InlineData(5, "EIO")]
    [InlineData(11, "EAGAIN")]
    [InlineData(12, "ENOMEM")]
    [InlineData(14, "EFAULT")]
    [InlineData(16, "EBUSY")]
    [InlineData(17, "EEXIST")]
    [InlineData(19, "ENODEV")]
    [InlineData(22, "EINVAL")]
    [InlineData(28, "ENOSPC")]
    [InlineData(38, "ENOSYS")]
    public void Name_NamesPositiveAndNegativeErrno(int errno, string expected)
    {
        Assert.Equal(expected, Errno.Name(errno));
        Assert.Equal(expected, Errno.Name(-errno));
    }

    [Fact]
    public void Name_OfZero_IsZeroString() => Assert.Equal("0", Errno.Name(0));

    [Fact]
    public void Name_OfUnknownErrno_IsENumber() => Assert.Equal("E99", Errno.Name(-99));

    [Theory]
    [InlineData(-22, "-EINVAL (-22)")]
    [InlineData(-12, "-ENOMEM (-12)")]
    [InlineData(-19, "-ENODEV (-19)")]
    [InlineData(0, "0")]
    [InlineData(4096, "4096")]
    public void Describe_FormatsKernelReturnValue(int ret, string expected) => Assert.Equal(expected, Errno.Describe(ret));
}

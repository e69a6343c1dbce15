using CsCheck;
using Migration.Kernel;

namespace Migration.Kernel.Tests;

/// <summary>IS_ERR_VALUE on u32 returns: errors are value &gt;= 0xFFFFF001 (omap.md conventions).</summary>
public class ErrValueTests
{
    [Fact]
    public void First_Is0xFFFFF001() => Assert.Equal(0xFFFFF001u, ErrValue.First);

    [Fact]
    public void IsErrValue_0xFFFFF000_IsNotAnError() => Assert.False(ErrValue.IsErrValue(0xFFFFF000));

    [Fact]
    public void IsErrValue_0xFFFFF001_IsAnError() => Assert.True(ErrValue.IsErrValue(0xFFFFF001));

    [Theory]
    [InlineData(0xFFFFFFFFu, true)]
    [InlineData(0xFFFFFFEAu, true)]
    [InlineData(0x00000000u, false)]
    [InlineData(0x80000000u, false)]
    [InlineData(0xFFFFEFFFu, false)]
    public void IsErrValue_ClassifiesValue(uint value, bool expected) => Assert.Equal(expected, ErrValue.IsErrValue(value));

    [Theory]
    [InlineData(-Errno.EINVAL, 0xFFFFFFEAu)]
    [InlineData(-Errno.ENOMEM, 0xFFFFFFF4u)]
    [InlineData(-Errno.EAGAIN, 0xFFFFFFF5u)]
    [InlineData(-Errno.ENODEV, 0xFFFFFFEDu)]
    [InlineData(-1, 0xFFFFFFFFu)]
    [InlineData(-Errno.MAX_ERRNO, 0xFFFFF001u)]
    public void FromErrno_EncodesNegativeErrnoAsU32(int errno, uint expected) => Assert.Equal(expected, ErrValue.FromErrno(errno));

    [Theory]
    [InlineData(0)]
    [InlineData(22)]
    [InlineData(-4096)]
    public void FromErrno_OutsideMinus4095ToMinus1_Throws(int errno) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrValue.FromErrno(errno));

    [Fact]
    public void ToErrno_OfMinusEinvalValue_IsMinus22() => Assert.Equal(-22, ErrValue.ToErrno(0xFFFFFFEA));

    [Fact]
    public void ToErrno_OfNonErrorValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrValue.ToErrno(0xFFFFF000));

    [Fact]
    public void FromErrno_ToErrno_RoundTripsEveryErrno() =>
        Gen.Int[1, Errno.MAX_ERRNO].Sample(e =>
        {
            uint v = ErrValue.FromErrno(-e);
            Assert.True(ErrValue.IsErrValue(v));
            Assert.Equal(0x1_0000_0000UL - (ulong)e, v);
            Assert.Equal(-e, ErrValue.ToErrno(v));
        }, iter: 1000);

    [Fact]
    public void IsErrValue_MatchesThresholdForRandomValues() =>
        Gen.UInt.Sample(v => Assert.Equal(v >= 0xFFFFF001u, ErrValue.IsErrValue(v)), iter: 1000);
}

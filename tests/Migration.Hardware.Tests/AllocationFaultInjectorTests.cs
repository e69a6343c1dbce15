using Migration.Hardware.Memory;

namespace Migration.Hardware.Tests;

/// <summary>Failure injection: FailAt(n) fails exactly the n-th call; FailAlways; Reset.</summary>
public class AllocationFaultInjectorTests
{
    [Fact]
    public void Fresh_NeverFails()
    {
        var f = new AllocationFaultInjector();
        for (int i = 0; i < 5; i++)
            Assert.False(f.ShouldFail());
        Assert.Equal(5, f.Calls);
        Assert.Equal(0, f.Failures);
    }

    [Fact]
    public void FailAt_FailsExactlyTheNthCall()
    {
        var f = new AllocationFaultInjector();
        f.FailAt(3);
        bool[] results = [f.ShouldFail(), f.ShouldFail(), f.ShouldFail(), f.ShouldFail()];
        Assert.Equal(new[] { false, false, true, false }, results);
        Assert.Equal(1, f.Failures);
    }

    [Fact]
    public void FailAt_ResetsCallCount()
    {
        var f = new AllocationFaultInjector();
        f.ShouldFail();
        f.ShouldFail();
        f.FailAt(1);
        Assert.Equal(0, f.Calls);
        Assert.True(f.ShouldFail());
    }

    [Fact]
    public void FailAt_Zero_NeverFails()
    {
        var f = new AllocationFaultInjector();
        f.FailAt(0);
        Assert.False(f.ShouldFail());
        Assert.False(f.ShouldFail());
    }

    [Fact]
    public void FailAt_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AllocationFaultInjector().FailAt(-1));

    [Fact]
    public void FailAlways_FailsEveryCallUntilReset()
    {
        var f = new AllocationFaultInjector();
        f.FailAlways();
        Assert.True(f.ShouldFail());
        Assert.True(f.ShouldFail());
        Assert.Equal(2, f.Failures);
        f.Reset();
        Assert.Equal(0, f.Calls);
        Assert.False(f.ShouldFail());
    }

    [Fact]
    public void FailAt_CancelsFailAlways()
    {
        var f = new AllocationFaultInjector();
        f.FailAlways();
        f.FailAt(2);
        Assert.False(f.ShouldFail());
        Assert.True(f.ShouldFail());
    }
}

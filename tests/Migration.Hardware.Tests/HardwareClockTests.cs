namespace Migration.Hardware.Tests;

/// <summary>clk_enable / clk_disable counting.</summary>
public class HardwareClockTests
{
    [Fact]
    public void New_IsStopped()
    {
        var clk = new HardwareClock("cam_ick");
        Assert.Equal("cam_ick", clk.Name);
        Assert.Equal(0, clk.EnableCount);
        Assert.False(clk.IsEnabled);
    }

    [Fact]
    public void EnableDisable_AreCounted()
    {
        var clk = new HardwareClock("cam_ick");
        clk.Enable();
        clk.Enable();
        clk.Disable();
        Assert.Equal(1, clk.EnableCount);
        Assert.True(clk.IsEnabled);
        clk.Disable();
        Assert.False(clk.IsEnabled);
    }

    [Fact]
    public void Disable_Unbalanced_ThrowsInvalidOperation()
    {
        var clk = new HardwareClock("cam_ick");
        Assert.Throws<InvalidOperationException>(clk.Disable);
        Assert.Equal(0, clk.EnableCount);
    }
}

namespace Migration.Hardware.Tests;

/// <summary>An interrupt line with its request_irq handler.</summary>
public class InterruptLineTests
{
    [Fact]
    public void Raise_WithoutHandler_IsUnhandled()
    {
        var line = new InterruptLine(24);
        Assert.Equal(IrqReturn.None, line.Raise());
        Assert.Equal(1, line.Raised);
        Assert.Equal(1, line.Unhandled);
    }

    [Fact]
    public void Raise_CallsHandlerWithIrqNumber()
    {
        var line = new InterruptLine(24);
        int seen = -1;
        line.Handler = irq =>
        {
            seen = irq;
            return IrqReturn.Handled;
        };
        Assert.Equal(IrqReturn.Handled, line.Raise());
        Assert.Equal(24, seen);
        Assert.Equal(1, line.Raised);
        Assert.Equal(0, line.Unhandled);
    }

    [Fact]
    public void Raise_HandlerReturningNone_CountsUnhandled()
    {
        var line = new InterruptLine(28) { Handler = _ => IrqReturn.None };
        line.Raise();
        line.Raise();
        Assert.Equal(2, line.Raised);
        Assert.Equal(2, line.Unhandled);
        Assert.Equal(28, line.Number);
    }

    [Fact]
    public void IrqReturn_Values() => Assert.Equal((0, 1), ((int)IrqReturn.None, (int)IrqReturn.Handled));
}

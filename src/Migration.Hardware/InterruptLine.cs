namespace Migration.Hardware;

/// <summary>
/// One interrupt line of the SoC interrupt controller, with the handler a driver installed through
/// request_irq. Raising it calls the handler synchronously and counts the outcome.
/// </summary>
public sealed class InterruptLine
{
    /// <summary>Creates line <paramref name="number"/>.</summary>
    public InterruptLine(int number) => Number = number;

    /// <summary>The IRQ number (e.g. 24 for the OMAP3 ISP MMU).</summary>
    public int Number { get; }

    /// <summary>The installed handler (request_irq); null when none.</summary>
    public Func<int, IrqReturn>? Handler { get; set; }

    /// <summary>Times the line was raised.</summary>
    public int Raised { get; private set; }

    /// <summary>Times no handler claimed it (IRQ_NONE or no handler): the kernel's "nobody cared" count.</summary>
    public int Unhandled { get; private set; }

    /// <summary>Raises the interrupt and returns what the handler answered.</summary>
    public IrqReturn Raise()
    {
        Raised++;
        IrqReturn ret = Handler?.Invoke(Number) ?? IrqReturn.None;
        if (ret == IrqReturn.None)
            Unhandled++;
        return ret;
    }
}

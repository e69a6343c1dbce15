namespace Migration.Hardware;

/// <summary>irqreturn_t: what an interrupt handler tells the interrupt controller.</summary>
public enum IrqReturn
{
    /// <summary>IRQ_NONE: the handler did not handle the interrupt.</summary>
    None = 0,

    /// <summary>IRQ_HANDLED: the interrupt was handled.</summary>
    Handled = 1,
}

namespace Migration.Hardware.Memory;

/// <summary>Sees every word written through <see cref="PhysicalMemory.WriteWord"/> (used to trace wild writes).</summary>
public interface IPhysicalWriteObserver
{
    /// <summary>Called after <paramref name="value"/> was stored at physical address <paramref name="pa"/>.</summary>
    void OnWordWritten(uint pa, uint value);
}

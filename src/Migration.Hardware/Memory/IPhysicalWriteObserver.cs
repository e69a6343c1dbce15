namespace Migration.Hardware.Memory;

/// <summary>Sees every word written through <see cref="PhysicalMemory.WriteWord"/> and <c>PhysicalMemory.WriteRun</c> (write tracking, wild-write traces).</summary>
public interface IPhysicalWriteObserver
{
    /// <summary>Called after <paramref name="value"/> was stored at physical address <paramref name="pa"/>.</summary>
    void OnWordWritten(uint pa, uint value);

    /// <summary>
    /// Called once after a run of consecutive words, all in one frame, was stored from <paramref name="pa"/>. The default
    /// reports each word through <see cref="OnWordWritten"/> in address order; an observer that only needs to know where
    /// a run went can do less.
    /// </summary>
    void OnRunWritten(uint pa, ReadOnlySpan<uint> values)
    {
        for (int i = 0; i < values.Length; i++)
            OnWordWritten(pa + ((uint)i << 2), values[i]);
    }
}

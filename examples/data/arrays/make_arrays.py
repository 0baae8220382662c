# make_arrays.py: 40 noisy sine waves of 12 steps; is the frequency low (0) or high (1)?
import numpy as np

rng = np.random.default_rng(0)
n, steps = 40, 12
y = np.arange(n) % 2                      # class ids 0 and 1
freq = np.where(y == 1, 0.8, 0.3)
t = np.arange(steps)
X = np.sin(freq[:, None] * t[None, :]) + 0.1 * rng.standard_normal((n, steps))
np.save("X.npy", X[:, :, None].astype(np.float32))  # [N, T, D] = [40, 12, 1]
np.save("y.npy", y.astype(np.int64))                 # [N] integer class ids

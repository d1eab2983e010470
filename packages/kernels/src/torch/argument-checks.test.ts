// PyTorch's argument checks (torch.nn.RNNBase / RNNCellBase constructors and forward, load_state_dict) as
// KernelArgumentErrors. The messages were compared with PyTorch 1.13.1's own; where 1.13 fails obscurely
// (num_layers=0 raises IndexError, 1-D input says "input must have 3 dimensions, got 2") ours say what is wrong.
import { describe, expect, it } from 'vitest';
import { KernelArgumentError } from './errors.js';
import { GRU, GRUCell, LSTM, LSTMCell, RNN } from './modules.js';
import { float64Tensor } from './tensor.js';

const z = (...shape: number[]) => float64Tensor(shape);
const rejects = (make: () => unknown, message: string) => {
  expect(make).toThrow(KernelArgumentError);
  expect(make).toThrow(message);
};

describe('constructor checks', () => {
  const cases: [string, () => unknown, string][] = [
    ['dropout above 1', () => new LSTM({ inputSize: 2, hiddenSize: 3, dropout: 1.5 }), 'dropout should be a number in range [0, 1] representing the probability of an element being zeroed'],
    ['negative dropout', () => new GRU({ inputSize: 2, hiddenSize: 3, dropout: -0.1 }), 'dropout should be a number in range [0, 1]'],
    ['NaN dropout', () => new RNN({ inputSize: 2, hiddenSize: 3, dropout: Number.NaN }), 'dropout should be a number in range [0, 1]'],
    ['proj_size equal to hidden_size', () => new LSTM({ inputSize: 2, hiddenSize: 3, projSize: 3 }), 'proj_size has to be smaller than hidden_size'],
    ['negative proj_size', () => new LSTM({ inputSize: 2, hiddenSize: 3, projSize: -1 }), 'proj_size should be a positive integer or zero to disable projections'],
    ['proj_size on a GRU', () => new GRU({ inputSize: 2, hiddenSize: 3, projSize: 1 } as never), 'proj_size argument is only supported for LSTM, not RNN or GRU'],
    ['zero hidden_size', () => new LSTM({ inputSize: 2, hiddenSize: 0 }), 'hidden_size must be greater than zero'],
    ['zero num_layers', () => new GRU({ inputSize: 2, hiddenSize: 3, numLayers: 0 }), 'num_layers must be greater than zero'],
    ['a fractional size', () => new RNN({ inputSize: 2.5, hiddenSize: 3 }), 'input_size should be of type int, got: number 2.5'],
    ['an unknown nonlinearity', () => new RNN({ inputSize: 2, hiddenSize: 3, nonlinearity: 'sigmoid' as never }), "Unknown nonlinearity 'sigmoid'. Select from 'tanh' or 'relu'."],
    ['an unknown option', () => new LSTM({ inputSize: 2, hiddenSize: 3, batch_first: true } as never), "LSTM.__init__() got an unexpected keyword argument 'batch_first'"],
    ['a non-boolean flag', () => new LSTM({ inputSize: 2, hiddenSize: 3, bidirectional: 1 } as never), 'bidirectional should be a boolean, got: number 1'],
    ['a cell option cells lack', () => new LSTMCell({ inputSize: 2, hiddenSize: 3, numLayers: 2 } as never), "LSTMCell.__init__() got an unexpected keyword argument 'numLayers'"],
  ];
  for (const [what, make, message] of cases) it(`should reject ${what}`, () => rejects(make, message));

  it('should accept dropout in [0, 1] and proj_size below hidden_size', () => {
    expect(() => new LSTM({ inputSize: 2, hiddenSize: 3, dropout: 1, projSize: 2, numLayers: 2 })).not.toThrow();
  });
});

describe('forward checks', () => {
  const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2 });
  const gru = new GRU({ inputSize: 2, hiddenSize: 3, bidirectional: true });
  it('should reject input of the wrong rank or width', () => {
    rejects(() => lstm.forward(z(2)), 'LSTM: Expected input to be 2-D or 3-D but received 1-D tensor');
    rejects(() => gru.forward(z(1, 2, 3, 2)), 'GRU: Expected input to be 2-D or 3-D but received 4-D tensor');
    rejects(() => lstm.forward(z(4, 1, 5)), 'input.size(-1) must be equal to input_size. Expected 2, got 5');
    rejects(() => lstm.forward(z(0, 1, 2)), 'Expected sequence length to be larger than 0 in RNN');
  });

  it('should reject states whose rank does not match the input\'s', () => {
    rejects(() => lstm.forward(z(4, 2), { h0: z(2, 1, 3), c0: z(2, 1, 3) }), 'For unbatched 2-D input, hx and cx should also be 2-D but got (3-D, 3-D) tensors');
    rejects(() => gru.forward(z(4, 1, 2), z(2, 3)), 'For batched 3-D input, hx should also be 3-D but got 2-D tensor');
  });

  it('should reject states of the wrong shape', () => {
    rejects(() => lstm.forward(z(4, 5, 2), { h0: z(1, 5, 3), c0: z(2, 5, 3) }), 'Expected hidden[0] size (2, 5, 3), got [1, 5, 3]');
    rejects(() => lstm.forward(z(4, 5, 2), { h0: z(2, 5, 3), c0: z(2, 4, 3) }), 'Expected hidden[1] size (2, 5, 3), got [2, 4, 3]');
    rejects(() => gru.forward(z(4, 5, 2), z(1, 5, 3)), 'Expected hidden size (2, 5, 3), got [1, 5, 3]');
  });

  it('should reject upstream gradients of the wrong shape', () => {
    const run = gru.forward(z(4, 5, 2));
    rejects(() => run.backward({ output: z(4, 5, 3) }), 'gradient of output must have shape (4, 5, 6), got [4, 5, 3]');
  });

  it('should check cells like LSTMCell/GRUCell do', () => {
    const cell = new LSTMCell({ inputSize: 2, hiddenSize: 3 });
    rejects(() => cell.forward(z(1, 1, 2)), 'LSTMCell: Expected input to be 1-D or 2-D but received 3-D tensor');
    rejects(() => cell.forward(z(4, 3)), 'input has inconsistent input_size: got 3 expected 2');
    rejects(() => cell.forward(z(4, 2), { hx: z(5, 3) }), "Input batch size 4 doesn't match hidden0 batch size 5");
    rejects(() => new GRUCell({ inputSize: 2, hiddenSize: 3 }).forward(z(4, 2), z(4, 2)), 'hidden0 has inconsistent hidden_size: got 2, expected 3');
  });
});

describe('load_state_dict checks', () => {
  it('should name missing, unexpected and mis-shaped parameters', () => {
    const m = new GRU({ inputSize: 2, hiddenSize: 3 });
    const sd = m.stateDict();
    const { bias_hh_l0: _drop, ...missing } = sd;
    rejects(() => m.loadStateDict({ ...missing, extra: z(1) }), 'Error(s) in loading state_dict for GRU: Missing key(s) in state_dict: "bias_hh_l0". Unexpected key(s) in state_dict: "extra".');
    rejects(() => m.loadStateDict({ ...sd, weight_hh_l0: z(9, 2) }), 'size mismatch for weight_hh_l0: copying a param with shape [9, 2] from checkpoint, the shape in current model is [9, 3].');
  });

  it('should copy parameters in and out, never alias them', () => {
    const m = new GRU({ inputSize: 2, hiddenSize: 3 });
    const sd = m.stateDict();
    m.loadStateDict(sd);
    sd.weight_ih_l0!.data[0] = 123;
    expect(m.stateDict().weight_ih_l0!.data[0]).not.toBe(123);
  });
});

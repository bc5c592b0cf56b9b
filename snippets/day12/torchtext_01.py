"""torchtext 없이: 토큰화 -> 단어장(vocab) -> 숫자로 바꾸기 -> 패딩한 배치."""
# --8<-- [start:tokenizer]
import re

# torchtext.data.utils의 basic_english 규칙을 그대로 옮겼다(위에서부터 적용)
_RULES = [(re.compile(p), r) for p, r in [
    (r"\'", " '  "),      # 작은따옴표는 떼어서 토큰으로
    (r"\"", ""),          # 큰따옴표는 지운다
    (r"\.", " . "),
    (r"<br \/>", " "),    # HTML 줄바꿈은 공백으로
    (r",", " , "),
    (r"\(", " ( "),
    (r"\)", " ) "),
    (r"\!", " ! "),
    (r"\?", " ? "),
    (r"\;", " "),         # ; 와 : 는 지운다
    (r"\:", " "),
    (r"\s+", " "),
]]


def basic_english(line: str) -> list[str]:
    """get_tokenizer("basic_english")와 같다: 소문자로 바꾸고 문장부호를 뗀다."""
    line = line.lower()
    for pattern, replacement in _RULES:
        line = pattern.sub(replacement, line)
    return line.split()


def split_tokenizer(line: str) -> list[str]:
    """get_tokenizer(None)과 같다: 공백 기준 str.split()."""
    return line.split()


text = 'I don\'t like "PyTorch"... (really)!'
print(split_tokenizer(text))
#> ['I', "don't", 'like', '"PyTorch"...', '(really)!']
print(basic_english(text))
#> ['i', 'don', "'", 't', 'like', 'pytorch', '.', '.', '.', '(', 'really', ')', '!']
# --8<-- [end:tokenizer]

# --8<-- [start:vocab]
from collections import Counter, OrderedDict


class Vocab:
    """torchtext.vocab.vocab(ordered_dict, min_freq, specials)와 같은 단어장."""

    def __init__(self, ordered_dict, min_freq=1, specials=("<unk>", "<pad>")):
        tokens = [tok for tok, freq in ordered_dict.items()
                  if freq >= min_freq and tok not in specials]
        # index -> string (list), string -> index (dict)
        self.itos = list(specials) + tokens
        self.stoi = {tok: i for i, tok in enumerate(self.itos)}
        # set_default_index(<unk>의 번호): 모르는 단어는 <unk>로
        self.default_index = self.stoi[specials[0]]

    def __len__(self):
        return len(self.itos)

    def __getitem__(self, token):
        return self.stoi.get(token, self.default_index)

    def get_itos(self):
        return self.itos

    def get_stoi(self):
        return self.stoi

    def lookup_indices(self, tokens):
        return [self[tok] for tok in tokens]


corpus = ["I love PyTorch.", "I love NLP!", "PyTorch is fun, NLP is fun."]
counter = Counter(tok for sentence in corpus for tok in basic_english(sentence))
# 빈도 내림차순, 빈도가 같으면 사전순 (build_vocab_from_iterator와 같은 순서)
ordered = OrderedDict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
print(" ".join(f"{tok}:{freq}" for tok, freq in ordered.items()))
#> .:2 fun:2 i:2 is:2 love:2 nlp:2 pytorch:2 !:1 ,:1

vocab = Vocab(ordered, min_freq=2)   # 한 번만 나온 ',', '!' 는 빠진다
print(vocab.get_itos())
#> ['<unk>', '<pad>', '.', 'fun', 'i', 'is', 'love', 'nlp', 'pytorch']
print(vocab.get_stoi())
#> {'<unk>': 0, '<pad>': 1, '.': 2, 'fun': 3, 'i': 4, 'is': 5, 'love': 6, 'nlp': 7, 'pytorch': 8}
# 없는 단어 tensorflow -> <unk>의 번호 0
print(len(vocab), vocab["pytorch"], vocab["tensorflow"])
#> 9 8 0
# --8<-- [end:vocab]

# --8<-- [start:batch]
import torch
from torch.nn.utils.rnn import pad_sequence

sentences = ["I love PyTorch.", "NLP is fun, I love NLP.", "Hello TensorFlow!"]
ids = [torch.tensor(vocab.lookup_indices(basic_english(s))) for s in sentences]
print([t.tolist() for t in ids])
#> [[4, 6, 8, 2], [7, 5, 3, 0, 4, 6, 7, 2], [0, 0, 0]]

pad = vocab["<pad>"]
# 가장 긴 문장의 길이에 맞춰 뒤를 <pad>의 번호로 채운다
batch = pad_sequence(ids, batch_first=True, padding_value=pad)
print(batch)
#> tensor([[4, 6, 8, 2, 1, 1, 1, 1],
#>         [7, 5, 3, 0, 4, 6, 7, 2],
#>         [0, 0, 0, 1, 1, 1, 1, 1]])
print(batch.shape, batch.dtype)
#> torch.Size([3, 8]) torch.int64
print([vocab.get_itos()[i] for i in batch[2].tolist()])  # 숫자 -> 다시 토큰
#> ['<unk>', '<unk>', '<unk>', '<pad>', '<pad>', '<pad>', '<pad>', '<pad>']
# --8<-- [end:batch]

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset


class Sentences(Dataset):
    """길이가 서로 다른 토큰 id 시퀀스와 라벨"""

    def __init__(self):
        self.data = [([5, 3, 8], 0), ([2, 7], 1), ([4, 1, 9, 6, 2], 0), ([7], 1)]

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        tokens, label = self.data[idx]
        return torch.tensor(tokens), label


ds = Sentences()

# 기본 collate_fn은 샘플들을 torch.stack으로 쌓으므로 길이가 다르면 실패한다
try:
    next(iter(DataLoader(ds, batch_size=2)))
except RuntimeError as e:
    print("RuntimeError:", e)
    #> RuntimeError: stack expects each tensor to be equal size, but got [3] at entry 0 and [2] at entry 1


def pad_collate(samples):
    """samples = [(tokens, label), ...] (배치 크기만큼의 리스트) -> 배치 하나"""
    tokens, labels = zip(*samples)
    lengths = torch.tensor([len(t) for t in tokens])
    # 가장 긴 시퀀스의 길이에 맞춰 뒤를 0으로 채운다
    padded = pad_sequence(tokens, batch_first=True, padding_value=0)
    return padded, lengths, torch.tensor(labels)


for padded, lengths, labels in DataLoader(ds, batch_size=2, collate_fn=pad_collate):
    print(padded.tolist(), lengths.tolist(), labels.tolist())
    #> [[5, 3, 8], [2, 7, 0]] [3, 2] [0, 1]
    #> [[4, 1, 9, 6, 2], [7, 0, 0, 0, 0]] [5, 1] [0, 1]

"""config만으로 아주 작은 BERT 분류 모델을 만든다(다운로드 없음, 무작위 가중치)."""
import os

# 허브에 접속하지 않는다(무언가 받으려 하면 바로 에러)
os.environ["HF_HUB_OFFLINE"] = "1"

import torch
from transformers import BertConfig, BertForSequenceClassification

config = BertConfig(
    vocab_size=100, hidden_size=16, num_hidden_layers=2,
    num_attention_heads=2, intermediate_size=32, num_labels=3,
)
model = BertForSequenceClassification(config).eval()  # eval(): dropout 끄기
print(f"파라미터 수: {sum(p.numel() for p in model.parameters()):,}")
#> 파라미터 수: 14,627
# 본체(bert) + dropout + 분류 머리(classifier)
print([name for name, _ in model.named_children()])
#> ['bert', 'dropout', 'classifier']

torch.manual_seed(0)
input_ids = torch.randint(1, 100, (2, 5))  # 배치 2, 문장 길이 5
# 두 번째 문장은 뒤의 2칸이 패딩
attention_mask = torch.tensor([[1, 1, 1, 1, 1],
                               [1, 1, 1, 0, 0]])
labels = torch.tensor([0, 2])

out = model(input_ids=input_ids, attention_mask=attention_mask, labels=labels,
            output_hidden_states=True)
print(type(out).__name__, list(out.keys()))
#> SequenceClassifierOutput ['loss', 'logits', 'hidden_states']
print("logits:", out.logits.shape)  # (배치, num_labels)
#> logits: torch.Size([2, 3])
# labels를 주면 loss도 계산해 준다
print("loss:", out.loss.shape, out.loss.requires_grad)
#> loss: torch.Size([]) True
# 임베딩 출력 + 층 2개의 출력 = 3개, 각각 (배치, 길이, hidden_size)
print("hidden_states:", len(out.hidden_states), out.hidden_states[-1].shape)
#> hidden_states: 3 torch.Size([2, 5, 16])
